"""The soft prompt and the service worker in Chromium.

Chromium's own pushManager.subscribe() needs Google's push service, which is out of reach here,
so the page gets a stand-in subscribe() that records its arguments and returns a subscription
made in Python (a real P-256 key pair). Delivery end to end is test_push_delivery's job.
"""

from __future__ import annotations

import json

import pytest

from masthead.notifications.models import PushSubscription
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Headless Chromium answers "denied" until a permission is granted; a reader's fresh browser
# says "default" (not asked yet). Model that, and count the permission requests.
FRESH_BROWSER = """
window.__permissionRequests = 0;
Object.defineProperty(Notification, "permission", {
  configurable: true,
  get: () => window.__permissionAnswer || "default",
});
const realRequest = Notification.requestPermission.bind(Notification);
Notification.requestPermission = async function () {
  window.__permissionRequests += 1;
  window.__permissionAnswer = await realRequest();
  return window.__permissionAnswer;
};
"""

FAKE_SUBSCRIBE = """
window.__subscribeCalls = [];
PushManager.prototype.getSubscription = async function () { return null; };
PushManager.prototype.subscribe = async function (options) {
  window.__subscribeCalls.push({
    userVisibleOnly: options.userVisibleOnly,
    key: Array.from(new Uint8Array(options.applicationServerKey)),
  });
  const json = %s;
  return { toJSON: () => json };
};
"""


@pytest.fixture
def site(settings, vapid_keys, page):
    page.add_init_script(FRESH_BROWSER)
    settings.PUSH_PROMPT_AFTER_VIEWS = 2
    settings.PUSH_PROMPT_AFTER_SECONDS = 0
    return factories.article(headline="Harbour reopens", tags=["Shipping"])


def test_the_prompt_waits_for_the_second_page_view(page, site):
    page.goto(site.get_absolute_url())
    assert page.locator("[data-push-prompt]").is_hidden()

    page.goto("/")
    assert page.locator("[data-push-prompt]").is_visible()
    assert "News alerts from" in page.locator("[data-push-prompt]").inner_text()


def test_refusing_is_remembered(page, site, settings):
    page.goto("/")
    page.goto(site.get_absolute_url())
    page.get_by_role("button", name="No, thanks").click()
    assert page.locator("[data-push-prompt]").is_hidden()
    assert page.evaluate("window.__permissionRequests") == 0

    page.reload()
    page.goto("/")
    assert page.locator("[data-push-prompt]").is_hidden()
    until = int(page.evaluate("localStorage.getItem('masthead.push.refusedUntil')"))
    now = page.evaluate("Date.now()")
    days = (until - now) / 86_400_000
    assert settings.PUSH_PROMPT_REFUSE_DAYS - 0.01 < days <= settings.PUSH_PROMPT_REFUSE_DAYS


def test_accepting_asks_the_browser_subscribes_and_registers_with_us(
    page, site, live_server, push_service, vapid_keys
):
    browser = push_service.new_browser()
    page.context.grant_permissions(["notifications"], origin=live_server.url)
    page.add_init_script(FAKE_SUBSCRIBE % json.dumps(browser.subscription_json()))
    page.goto("/")
    page.goto(site.get_absolute_url())

    registration = page.evaluate(
        "navigator.serviceWorker.ready.then(r => ({scope: r.scope, script: r.active.scriptURL}))"
    )
    assert registration == {"scope": live_server.url + "/", "script": live_server.url + "/sw.js"}

    page.get_by_role("button", name="Yes, alert me").click()
    page.locator("[data-push-prompt]").wait_for(state="hidden")

    assert page.evaluate("window.__permissionRequests") == 1
    calls = page.evaluate("window.__subscribeCalls")
    assert len(calls) == 1
    assert calls[0]["userVisibleOnly"] is True
    assert bytes(calls[0]["key"]) == push_service_key(vapid_keys)
    subscription = PushSubscription.objects.get()
    assert subscription.endpoint == browser.endpoint
    assert subscription.topic_keys() == ["breaking"]


def test_the_subscribe_menu_offers_alerts_for_the_section_and_tags(
    page, site, live_server, push_service
):
    browser = push_service.new_browser()
    page.context.grant_permissions(["notifications"], origin=live_server.url)
    page.add_init_script(FAKE_SUBSCRIBE % json.dumps(browser.subscription_json()))
    page.goto(site.get_absolute_url())

    page.locator("details.subscribe summary").click()
    page.get_by_role("button", name="Alerts: Shipping").click()
    page.get_by_text("Alerts on").wait_for()

    assert PushSubscription.objects.get().topic_keys() == ["tag:shipping"]


def push_service_key(public_b64: str) -> bytes:
    import base64

    return base64.urlsafe_b64decode(public_b64 + "=" * (-len(public_b64) % 4))
