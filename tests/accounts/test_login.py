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


def test_idle_session_expires_after_thirty_minutes():
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_SAVE_EVERY_REQUEST


@pytest.mark.parametrize("password", ["short1A", "alllowercase", "lowerandnumber1"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_strong_password_is_accepted():
    validate_password("Xiamen-2025")
