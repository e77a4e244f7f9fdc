// The discussion, better with JavaScript: post, reply, like and edit in place, and new comments
// from other readers behind a "show new comments" button so the page never jumps.
(function () {
  "use strict";

  function csrf(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function send(form) {
    return fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Requested-With": "fetch", "X-CSRFToken": csrf(form) },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    });
  }

  function insertHtml(container, html, prepend) {
    var holder = document.createElement("div");
    holder.innerHTML = html;  // server-rendered, escaped fragment
    var nodes = Array.prototype.slice.call(holder.children);
    nodes.forEach(function (node) {
      if (prepend) { container.insertBefore(node, container.firstChild); }
      else { container.appendChild(node); }
    });
    return nodes;
  }

  function wireForm(section, form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var status = form.querySelector("[data-form-status]");
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      send(form).then(function (result) {
        status.textContent = result.data.message || result.data.error || "";
        status.className = "form-status " + (result.ok && result.data.status !== "rejected" ? "ok" : "error");
        if (result.ok && result.data.html) {
          var parentId = form.querySelector("input[name=parent]");
          var target;
          if (parentId) {
            var parent = document.getElementById("comment-" + parentId.value);
            target = parent.querySelector(":scope > .replies");
            if (!target) { target = document.createElement("div"); target.className = "replies"; parent.appendChild(target); }
            insertHtml(target, result.data.html, false);
            form.remove();
          } else {
            target = section.querySelector("[data-threads]");
            insertHtml(target, result.data.html, true);
          }
          section.dataset.latest = Math.max(Number(section.dataset.latest || 0), result.data.id);
        }
        if (result.ok && result.data.status !== "rejected") {
          form.querySelector("textarea").value = "";
          var key = form.querySelector("input[name=key]");
          if (key && window.crypto && crypto.randomUUID) { key.value = crypto.randomUUID().replace(/-/g, ""); }
        }
      }).catch(function () {
        status.textContent = "The comment could not be sent. Check your connection and try again.";
        status.className = "form-status error";
      }).finally(function () { button.disabled = false; });
    });
  }

  function wireReplies(section) {
    var template = section.querySelector("[data-comment-form]");
    section.addEventListener("click", function (event) {
      var link = event.target.closest("[data-reply]");
      if (!link || !template) { return; }
      event.preventDefault();
      var id = link.getAttribute("data-reply");
      var comment = document.getElementById("comment-" + id);
      if (comment.querySelector(":scope > form[data-comment-form]")) { return; }
      var form = template.cloneNode(true);
      var parent = document.createElement("input");
      parent.type = "hidden"; parent.name = "parent"; parent.value = id;
      form.appendChild(parent);
      form.querySelector("textarea").id = "comment-text-" + id;
      form.querySelector("label").setAttribute("for", "comment-text-" + id);
      form.querySelector("[data-form-status]").textContent = "";
      comment.querySelector(":scope > footer").after(form);
      wireForm(section, form);
      form.querySelector("textarea").focus();
    });
  }

  function wireLikes(section) {
    section.addEventListener("submit", function (event) {
      var form = event.target.closest("form[data-like]");
      if (!form) { return; }
      event.preventDefault();
      send(form).then(function (result) {
        if (result.ok) { form.querySelector("[data-likes]").textContent = result.data.likes; }
        else { window.alert(result.data.error); }
      });
    });
  }

  function poll(section) {
    var button = section.querySelector("[data-new-comments]");
    var url = section.dataset.newUrl;
    var seconds = Number(section.dataset.poll || 15);
    var pending = "";
    function check() {
      fetch(url + "?after=" + encodeURIComponent(section.dataset.latest || "0"), {
        headers: { "X-Requested-With": "fetch" }, credentials: "same-origin"
      }).then(function (r) { return r.json(); }).then(function (data) {
        if (data.count > 0) {
          pending += data.html;
          section.dataset.latest = data.latest;
          var count = (pending.match(/class="comment[ "]/g) || []).length;
          button.textContent = count === 1 ? "1 new comment" : count + " new comments";
          button.hidden = false;
        }
      }).catch(function () { /* try again next time */ });
    }
    button.addEventListener("click", function () {
      var threads = section.querySelector("[data-threads]");
      insertHtml(threads, pending, true).forEach(function (n) {
        var dup = document.querySelectorAll("#" + n.id);
        if (dup.length > 1) { n.remove(); }
      });
      pending = "";
      button.hidden = true;
    });
    window.setInterval(check, seconds * 1000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var section = document.querySelector("section.discussion[data-article]");
    if (!section) { return; }
    section.querySelectorAll("[data-comment-form]").forEach(function (form) { wireForm(section, form); });
    wireReplies(section);
    wireLikes(section);
    poll(section);
  });
})();
