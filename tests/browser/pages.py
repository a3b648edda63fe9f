"""Helpers the browser tests share."""

PASSWORD = "Demo-pass-2025"


def log_in(page, base: str, username: str, password: str = PASSWORD):
    """Log in through the form on `page` and wait for the home page; returns the page."""
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page


def new_session(browser, base: str, username: str):
    """A fresh page in Chinese, logged in as `username`."""
    return log_in(browser.new_page(locale="zh-CN"), base, username)
