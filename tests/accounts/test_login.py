import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.factories import PASSWORD, user_with_role
from xuncha.accounts.enums import Role

pytestmark = pytest.mark.django_db


def test_login_locks_after_five_failures(tree, client):
    user = user_with_role(Role.OFFICE, tree.city, username="alice")
    for _ in range(5):
        response = client.post("/login/", {"username": "alice", "password": "wrong-Pass-1"})
    assert response.status_code == 429
    assert "锁定" in response.content.decode()
    response = client.post("/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429  # still locked with the right password
    assert not client.session.get("_auth_user_id")
    del user


def test_login_with_right_password_works(tree, client):
    user_with_role(Role.OFFICE, tree.city, username="bob")
    response = client.post("/login/", {"username": "bob", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"


def test_wrong_password_message_is_chinese(tree, client):
    response = client.post("/login/", {"username": "nobody", "password": "x"})
    assert "用户名或密码错误" in response.content.decode()


def test_idle_session_expires_after_thirty_minutes(tree, client):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    assert settings.SESSION_COOKIE_AGE == 30 * 60
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    assert client.get("/").status_code == 200
    session = Session.objects.get()
    assert session.expire_date > timezone.now() + timedelta(minutes=29)
    session.expire_date = timezone.now() - timedelta(seconds=1)  # 30 idle minutes have passed
    session.save()
    assert client.get("/").status_code == 302


def test_activity_pushes_the_idle_timeout_back_at_most_once_a_minute(tree, client, monkeypatch):
    from django.contrib.sessions.models import Session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from xuncha.web import middleware

    now = [1_800_000_000.0]
    monkeypatch.setattr(middleware, "clock", lambda: now[0])
    client.force_login(user_with_role(Role.OFFICE, tree.city))

    def session_writes():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/").status_code == 200
        return [q["sql"] for q in ctx.captured_queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]

    assert not session_writes()  # logging in stamped the session
    before = Session.objects.get().expire_date
    now[0] += 30
    assert not session_writes()  # within the minute: no write
    assert Session.objects.get().expire_date == before
    now[0] += 31
    assert session_writes()  # a minute later the expiry moves on
    assert Session.objects.get().expire_date > before


@pytest.mark.parametrize("password", ["short1A", "alllowercase", "lowerandnumber1"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_strong_password_is_accepted():
    validate_password("Xiamen-2025")
