// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";

  function pad(n) { return n < 10 ? "0" + n : String(n); }

  function startClock() {
    var clock = document.querySelector("[data-clock]");
    if (!clock) { return; }
    var timeEl = clock.querySelector(".clock-time");
    var dateEl = clock.querySelector(".clock-date");
    var lang = document.documentElement.lang || "en";
    var dateFormat = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang, {
      day: "2-digit", month: "long", year: "numeric", timeZone: "UTC"
    });
    // The server's time is the reference; the browser's clock only supplies the ticking.
    var offset = Date.parse(clock.getAttribute("datetime")) - Date.now();
    if (isNaN(offset) || Math.abs(offset) < 120000) { offset = 0; }
    function tick() {
      var now = new Date(Date.now() + offset);
      timeEl.textContent = pad(now.getUTCHours()) + ":" + pad(now.getUTCMinutes()) + " GMT";
      dateEl.textContent = dateFormat.format(now);
      clock.setAttribute("datetime", now.toISOString());
    }
    tick();
    window.setInterval(tick, 1000);
  }

  function copyButtons() {
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      button.addEventListener("click", function () {
        var input = document.querySelector(button.getAttribute("data-copy"));
        if (!input) { return; }
        var done = function () {
          var label = button.textContent;
          button.textContent = button.getAttribute("data-copied") || label;
          window.setTimeout(function () { button.textContent = label; }, 2000);
        };
        input.select();
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(input.value).then(done, function () {
            document.execCommand("copy"); done();
          });
        } else {
          document.execCommand("copy");
          done();
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    startClock();
    copyButtons();
  });
})();
