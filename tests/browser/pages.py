"""Helpers the browser tests share."""

PASSWORD = "Demo-pass-2025"


def second_factor_code(username: str) -> str:
    """The current code of the user's authenticator (the demo gives one to the roles that
    require two-factor login), read from the database as the person's phone would compute it."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.two_factor import code_for

    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    return code_for(device, after_step=device.last_t)


def log_in(page, base: str, username: str, password: str = PASSWORD):
    """Log in through the form on `page` (and the code page, for a user with an authenticator)
    and wait for the home page; returns the page."""
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    if "/me/two-factor/verify/" in page.url:
        page.fill("#id_code", second_factor_code(username))
        page.click("[data-testid=two-factor-verify] button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page


def new_session(browser, base: str, username: str):
    """A fresh page in Chinese, logged in as `username`."""
    return log_in(browser.new_page(locale="zh-CN"), base, username)


def pick(page, field_id: str, text: str):
    """Choose in a searchable picker (Tom Select, xuncha/web/static/web/widgets.js) as a person
    does: type part of the name, then click the option offered that contains `text`. On a busy
    machine the list may close again before the option is clicked: then the person types again."""
    option = page.locator(f"#{field_id}-ts-dropdown .option", has_text=text).first
    for _attempt in range(3):
        page.locator(f"#{field_id} + .ts-wrapper .ts-control").click()
        page.locator(f"#{field_id}-ts-control").fill("")
        page.keyboard.type(text)
        try:
            option.click(timeout=3000)
            break
        except Exception:  # playwright's TimeoutError
            page.keyboard.press("Escape")
    else:
        raise AssertionError(f"{text!r} is not offered in #{field_id}")
    # closed before the next field is clicked: an open list would cover the field below it
    dropdown = page.locator(f"#{field_id}-ts-dropdown")
    for _attempt in range(3):
        page.keyboard.press("Escape")
        try:
            dropdown.wait_for(state="hidden", timeout=1000)
            return
        except Exception:
            continue
    dropdown.wait_for(state="hidden")
