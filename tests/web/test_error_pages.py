"""The branded error pages: each answers its status in Chinese with DEBUG off, reads nothing
from the database, and offers a way back (the referring page when it is ours, the home page)."""

import pytest
from django.test import Client

from tests.factories import user_with_role
from tests.web.test_outage import cut_off_database
from xuncha.accounts.enums import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def production_errors(settings):
    settings.DEBUG = False


@pytest.fixture
def office_client(tree):
    client = Client(raise_request_exception=False)
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    return client


def test_404_page_is_chinese_with_a_way_home(office_client):
    response = office_client.get("/inspections/999999/", HTTP_REFERER="http://testserver/inspections/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在" in page and 'lang="zh-hans"' in page
    assert "Not Found" not in page and "The requested resource" not in page
    assert 'href="/"' in page and 'href="http://testserver/inspections/"' in page  # home and back


def test_404_page_never_links_back_to_another_site(office_client):
    response = office_client.get("/inspections/999999/", HTTP_REFERER="https://evil.example/x")
    page = response.content.decode()
    assert response.status_code == 404 and "evil.example" not in page and 'data-testid="back"' not in page


def test_404_page_for_an_unknown_address_before_login():
    response = Client().get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404 and "页面不存在" in page and "Page not found" not in page


def test_403_page_is_chinese(rf):
    from django.core.exceptions import PermissionDenied

    from xuncha.web.errors import permission_denied

    response = permission_denied(rf.get("/"), PermissionDenied())
    page = response.content.decode()
    assert response.status_code == 403 and "无权" in page and "403 Forbidden" not in page
    assert 'href="/"' in page


def test_403_page_answers_a_permission_denied_view(rf):
    """Django's own handling of PermissionDenied reaches our handler403 (named in the URLconf)."""
    from django.core.exceptions import PermissionDenied
    from django.core.handlers.exception import response_for_exception

    response = response_for_exception(rf.get("/"), PermissionDenied())
    assert response.status_code == 403 and "无权" in response.content.decode()


def test_500_page_is_chinese_with_a_way_home(rf):
    from xuncha.web.outage import server_error

    try:
        raise ValueError("boom")
    except ValueError:
        response = server_error(rf.get("/", HTTP_REFERER="http://testserver/ledger/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "出错" in page and "Server Error" not in page and "boom" not in page
    assert 'href="/"' in page and 'href="http://testserver/ledger/"' in page


def test_500_page_answers_an_uncaught_error(office_client, monkeypatch):
    from xuncha.rectification import views

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(views, "rectification_figures", broken)
    response = office_client.get("/rectification/figures/")
    assert response.status_code == 500 and "出错" in response.content.decode()


def test_503_page_has_a_retry_hint_and_a_way_back(tree):
    client = Client(raise_request_exception=False)
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    with cut_off_database():
        response = client.get("/ledger/", HTTP_REFERER="http://testserver/")
    page = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "暂时无法使用" in page and "30 秒后重试" in page
    assert 'data-testid="retry-link"' in page and 'href="http://testserver/"' in page


def test_healthz_fails_while_the_database_is_down(client):
    with cut_off_database():
        response = client.get("/healthz")
    assert response.status_code == 503
    assert client.get("/healthz").status_code == 200  # and recovers with it


def test_expired_form_says_so_in_chinese_and_offers_a_reload(tree):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    response = client.post("/plans/new/", {"name": "x"}, HTTP_REFERER="http://testserver/plans/new/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "表单已过期" in page and "CSRF" not in page and "Forbidden" not in page
    assert 'data-testid="reload"' in page and 'href="http://testserver/plans/new/"' in page


def test_expired_form_without_referer_reloads_home(tree):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    response = client.post("/plans/new/", {"name": "x"})
    assert response.status_code == 403 and "表单已过期" in response.content.decode()
