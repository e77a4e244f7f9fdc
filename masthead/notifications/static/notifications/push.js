// The soft push prompt and the "push for this section/tag" buttons. No inline script (CSP):
// settings come from data- attributes on the prompt (rendered by {% push_prompt %}).
"use strict";
(function () {
  const prompt = document.querySelector("[data-push-prompt]");
  if (!prompt) return;
  const supported =
    "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
  const publicKey = prompt.dataset.publicKey || "";
  const KEY_VIEWS = "masthead.push.views";
  const KEY_FIRST = "masthead.push.firstSeen";
  const KEY_REFUSED = "masthead.push.refusedUntil";
  const KEY_DONE = "masthead.push.subscribed";

  function store(key, value) {
    try { window.localStorage.setItem(key, String(value)); } catch (error) { /* private mode */ }
  }
  function read(key) {
    try { return window.localStorage.getItem(key); } catch (error) { return null; }
  }

  // Engagement, counted in this browser only: page views and time since the first one.
  const views = (parseInt(read(KEY_VIEWS) || "0", 10) || 0) + 1;
  store(KEY_VIEWS, views);
  let firstSeen = parseInt(read(KEY_FIRST) || "0", 10);
  if (!firstSeen) { firstSeen = Date.now(); store(KEY_FIRST, firstSeen); }

  function base64UrlToBytes(text) {
    const padded = (text + "===".slice((text.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    const raw = window.atob(padded);
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  let registration = null;
  if (supported && publicKey) {
    registration = navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => null);
  }

  async function subscribe(topics) {
    if (!supported || !publicKey) throw new Error("unsupported");
    const permission = await Notification.requestPermission();
    if (permission !== "granted") throw new Error("denied");
    await registration;
    const ready = await navigator.serviceWorker.ready;
    let subscription = await ready.pushManager.getSubscription();
    if (!subscription) {
      subscription = await ready.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: base64UrlToBytes(publicKey),
      });
    }
    const config = await fetch(prompt.dataset.configUrl, { credentials: "same-origin" })
      .then((r) => r.json());
    if (config.signedIn && topics.indexOf("breaking") !== -1) {
      topics = topics.concat(["replies", "decisions"]);
    }
    const response = await fetch(prompt.dataset.subscribeUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": config.csrfToken },
      body: JSON.stringify({ subscription: subscription.toJSON(), topics: topics }),
    });
    if (!response.ok) throw new Error("server " + response.status);
    store(KEY_DONE, "1");
    return response.json();
  }
  window.mastheadPush = { subscribe: subscribe };

  function shouldPrompt() {
    if (!supported || !publicKey) return false;
    if (Notification.permission !== "default") return false;
    if (read(KEY_DONE)) return false;
    const refusedUntil = parseInt(read(KEY_REFUSED) || "0", 10);
    if (refusedUntil && Date.now() < refusedUntil) return false;
    if (views < 2) return false; // never on the first page view
    const afterViews = parseInt(prompt.dataset.afterViews, 10) || 3;
    const afterSeconds = parseInt(prompt.dataset.afterSeconds, 10) || 0;
    return views >= afterViews || (afterSeconds > 0 && Date.now() - firstSeen >= afterSeconds * 1000);
  }

  if (shouldPrompt()) prompt.hidden = false;

  prompt.querySelector("[data-push-refuse]").addEventListener("click", () => {
    const days = parseInt(prompt.dataset.refuseDays, 10) || 30;
    store(KEY_REFUSED, Date.now() + days * 86400000);
    prompt.hidden = true;
  });
  prompt.querySelector("[data-push-accept]").addEventListener("click", () => {
    subscribe(["breaking"]).then(
      () => { prompt.hidden = true; },
      () => {
        // Refused in the browser's own dialog, or no push service: do not ask again soon.
        const days = parseInt(prompt.dataset.refuseDays, 10) || 30;
        store(KEY_REFUSED, Date.now() + days * 86400000);
        prompt.hidden = true;
      }
    );
  });

  // "Subscribe" menu on articles: push for one section or tag.
  document.querySelectorAll("[data-push-topic]").forEach((button) => {
    if (!supported || !publicKey) return;
    button.closest("li").hidden = false;
    button.addEventListener("click", () => {
      const note = button.parentElement.querySelector(".push-status");
      subscribe([button.dataset.pushTopic]).then(
        () => { if (note) note.textContent = button.dataset.done || "✓"; },
        () => { if (note) note.textContent = button.dataset.failed || "×"; }
      );
    });
  });
})();
