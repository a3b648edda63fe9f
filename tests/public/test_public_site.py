"""The public site under its own settings' URL configuration: its error pages are its own
(none of them reaches for a staff page), and a form without its CSRF token is refused politely."""

import pytest
from django.test import Client

from tests.public.helpers import open_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(tree, public_site):
    from xuncha.public import counters

    counters.clear()
    return open_page(tree)


def test_the_pages_answer_under_the_public_urlconf(client, page):
    assert client.get("/").status_code == 200
    assert client.get(f"/m/{page.token}/").status_code == 200
    assert client.get(f"/m/{page.token}/report/").status_code == 200
    assert client.get("/m/track/").status_code == 200


def test_a_missing_page_is_the_public_sites_own_404(client, page):
    response = client.get("/login/")
    html = response.content.decode()
    assert response.status_code == 404 and "码上巡" in html and "登录" not in html


def test_a_form_without_its_csrf_token_is_refused_with_a_page(page):
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/m/{page.token}/report/", {"content": "x"})
    assert response.status_code == 403
    assert "表单已过期" in response.content.decode() or "已失效" in response.content.decode()


def test_a_nul_character_is_refused_with_a_page(client, page):
    response = client.post(f"/m/{page.token}/report/", {"content": "a\x00b"})
    assert response.status_code == 400 and "码上巡" in response.content.decode()


def test_an_oversized_request_is_refused_before_it_is_read(client, page, settings):
    settings.XUNCHA_REQUEST_MAX_MB = 1
    response = client.post(
        f"/m/{page.token}/report/", data=b"x" * 10, content_type="multipart/form-data; boundary=x",
        HTTP_CONTENT_LENGTH=str(5 * 1024 * 1024), CONTENT_LENGTH=str(5 * 1024 * 1024),
    )
    assert response.status_code == 413
