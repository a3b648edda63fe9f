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


def test_idle_session_expires_after_thirty_minutes(tree, client, monkeypatch):
    import time
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    assert settings.SESSION_COOKIE_AGE == 30 * 60
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    assert client.get("/").status_code == 200
    session = Session.objects.get()
    assert session.expire_date > timezone.now() + timedelta(minutes=29)
    # 30 idle minutes have passed: for the database row and for the session cache (cached_db)
    session.expire_date = timezone.now() - timedelta(seconds=1)
    session.save()
    assert client.get("/").status_code == 200  # the cache still holds it: its own clock says when
    later = time.time() + 30 * 60 + 1
    monkeypatch.setattr(time, "time", lambda: later)
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


def test_one_minute_idle_timeout_keeps_an_active_session_alive(tree, client, monkeypatch, settings):
    """With XUNCHA_SESSION_IDLE_MINUTES=1 a session used every 50 seconds must not expire: the
    refresh may not wait a whole minute, or the expiry would pass between two clicks."""
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from xuncha.web import middleware

    settings.SESSION_COOKIE_AGE = 60
    now = [1_800_000_000.0]
    monkeypatch.setattr(middleware, "clock", lambda: now[0])
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    for _ in range(4):
        now[0] += 50  # a click every 50 seconds, each within the one-minute timeout
        session = Session.objects.get()
        session.expire_date = timezone.now() + timedelta(seconds=10)  # what is left of the last minute
        session.save()
        assert client.get("/").status_code == 200
        assert Session.objects.get().expire_date > timezone.now() + timedelta(seconds=50)


@pytest.mark.parametrize("idle_seconds", [60, 120, 600, 1800, 86400])
def test_session_refresh_interval_is_well_under_the_idle_timeout(settings, idle_seconds):
    from xuncha.web.middleware import SessionIdleMiddleware

    settings.SESSION_COOKIE_AGE = idle_seconds
    assert 1 <= SessionIdleMiddleware.refresh_seconds() <= min(60, idle_seconds / 10)


@pytest.mark.parametrize("password", ["short1A", "alllowercase", "lowerandnumber1"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_strong_password_is_accepted():
    validate_password("Xiamen-2025")
