// The moderation queue from the keyboard: j/k move, a approve, r reject, b block, e edit,
// x select. Decisions go through the same form endpoints with fetch; the queue polls a small
// JSON endpoint (answered from the cache) and greys out what other moderators decided.
(function () {
  "use strict";
  var queue = document.getElementById("queue");
  if (!queue) { return; }
  var version = parseInt(queue.dataset.version || "0", 10);
  var liveStatus = queue.querySelector("[data-live-status]");
  var bulkForm = document.getElementById("bulk-form");
  var current = null;

  function items() {
    return Array.prototype.slice.call(queue.querySelectorAll(".q-item:not(.gone)"));
  }
  function setCurrent(item) {
    if (current) { current.classList.remove("current"); }
    current = item;
    if (item) {
      item.classList.add("current");
      item.focus({ preventScroll: true });
      item.scrollIntoView({ block: "nearest" });
    }
  }
  function move(step) {
    var list = items();
    if (!list.length) { setCurrent(null); return; }
    var index = list.indexOf(current);
    index = index < 0 ? 0 : Math.min(list.length - 1, Math.max(0, index + step));
    setCurrent(list[index]);
  }
  function selected() {
    return items().filter(function (item) {
      return item.querySelector("[data-select]").checked;
    });
  }
  function updateSelectedCount() {
    var counter = queue.querySelector("[data-selected-count]");
    if (counter) { counter.textContent = String(selected().length); }
    items().forEach(function (item) {
      item.classList.toggle("selected", item.querySelector("[data-select]").checked);
    });
  }
  function csrf() {
    var field = queue.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }
  function markGone(item, text) {
    var wasCurrent = item === current;
    item.classList.add("gone");
    item.querySelector("[data-select]").checked = false;
    var status = item.querySelector("[data-item-status]");
    if (status) { status.textContent = text; }
    Array.prototype.forEach.call(item.querySelectorAll("button, select, input"), function (el) {
      el.disabled = true;
    });
    var total = queue.querySelector("[data-total]");
    if (total) { total.textContent = String(Math.max(0, parseInt(total.textContent, 10) - 1)); }
    if (wasCurrent) {
      var list = items();
      var next = null;
      for (var i = 0; i < list.length; i++) {
        if (list[i].compareDocumentPosition(item) & Node.DOCUMENT_POSITION_PRECEDING) {
          next = list[i];
          break;
        }
      }
      setCurrent(next || list[list.length - 1] || null);
    }
    updateSelectedCount();
  }
  function post(url, data) {
    data.append("csrfmiddlewaretoken", csrf());
    return fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    });
  }
  function decide(targets, decision, rule) {
    if (!targets.length) { return; }
    var data = new FormData();
    targets.forEach(function (item) { data.append("comment", item.dataset.id); });
    data.append("decision", decision);
    if (rule) { data.append("rule", rule); }
    post(queue.dataset.decide, data).then(function (answer) {
      var results = answer.body.results || [];
      results.forEach(function (result) {
        var item = document.getElementById("q-" + result.id);
        if (!item) { return; }
        if (result.ok) {
          markGone(item, decision === "approve" ? "Approved." : decision === "reject" ? "Rejected." : "Removed.");
        } else if (answer.ok || /already|no longer|deleted/i.test(result.message)) {
          markGone(item, result.message);
        } else {
          item.querySelector("[data-item-status]").textContent = result.message;
        }
      });
      if (!results.length && answer.body.error && current) {
        current.querySelector("[data-item-status]").textContent = answer.body.error;
      }
    });
  }
  function targetsFor() {
    var chosen = selected();
    if (chosen.length) { return chosen; }
    return current ? [current] : [];
  }

  queue.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute("data-decide")) {
      event.preventDefault();
      var item = form.closest(".q-item");
      var data = new FormData(form);
      setCurrent(item);
      decide([item], data.get("decision"), data.get("rule"));
    } else if (form.hasAttribute("data-block")) {
      event.preventDefault();
      var blockItem = form.closest(".q-item");
      post(form.action, new FormData(form)).then(function (answer) {
        var message = answer.body.message || answer.body.error;
        queue.querySelectorAll('.q-item[data-author="' + blockItem.dataset.author + '"] [data-item-status]')
          .forEach(function (el) { el.textContent = message; });
        blockItem.querySelector("[data-block-reason]").blur();
        setCurrent(blockItem);
      });
    } else if (form === bulkForm) {
      event.preventDefault();
      var decision = event.submitter ? event.submitter.value : "approve";
      var rule = bulkForm.querySelector("select[name=rule]").value;
      if (decision === "reject" && !rule) {
        liveStatus.textContent = "Choose the rule for the selected comments.";
        return;
      }
      decide(selected(), decision, rule);
    }
  });
  queue.addEventListener("change", function (event) {
    if (event.target.hasAttribute("data-select")) { updateSelectedCount(); }
  });
  queue.addEventListener("click", function (event) {
    var item = event.target.closest(".q-item");
    if (item && !item.classList.contains("gone")) { setCurrent(item); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var tag = event.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA") {
      if (event.key === "Escape") { event.target.blur(); setCurrent(current); }
      return;
    }
    if (tag === "SELECT") {
      if (event.key === "Enter" && event.target.hasAttribute("data-rule")) {
        event.preventDefault();
        var rule = event.target.value;
        if (!rule) { return; }
        var chosen = selected();
        decide(chosen.length ? chosen : [event.target.closest(".q-item")], "reject", rule);
      } else if (event.key === "Escape") {
        event.target.blur();
        setCurrent(current);
      }
      return;
    }
    switch (event.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "x":
        if (current) {
          var box = current.querySelector("[data-select]");
          box.checked = !box.checked;
          updateSelectedCount();
        }
        break;
      case "a": decide(targetsFor(), "approve"); break;
      case "r":
        if (current) { current.querySelector("[data-rule]").focus(); }
        break;
      case "b":
        if (current && current.querySelector("[data-block-reason]")) {
          current.querySelector("[data-block-reason]").focus();
        }
        break;
      case "e":
        if (current) { window.location.href = current.querySelector("[data-edit]").href; }
        break;
      default: return;
    }
    event.preventDefault();
  });

  function poll() {
    fetch(queue.dataset.changes + "?since=" + version, {
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) { return response.json(); }).then(function (body) {
      if (body.reload) {
        liveStatus.textContent = "Other moderators made many decisions; reload to see the queue as it is now.";
      }
      (body.events || []).forEach(function (event) {
        var item = document.getElementById("q-" + event.id);
        if (item && !item.classList.contains("gone")) {
          markGone(item, "Already decided by " + event.by + " (" + event.decision + ").");
        }
      });
      if (typeof body.version === "number") { version = Math.max(version, body.version); }
    }).catch(function () { /* the next poll tries again */ });
  }
  var seconds = parseInt(queue.dataset.poll || "5", 10);
  window.setInterval(poll, Math.max(1, seconds) * 1000);
  move(0);
})();
