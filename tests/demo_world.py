"""The demo world (`xuncha/demo`) as a module-scoped fixture, shared by the areas that test
against it (the REST API, the acceptance crawler).

It is loaded once per test module that asks for it, inside a transaction that is rolled back
when the module ends (each test then runs in a savepoint of it, as pytest-django's `django_db`
does), so no other module sees it. Not for live-server tests: those flush the database after
each test (tests/browser/conftest.py has `demo_for_browser` for them)."""

import pytest
from django.db import transaction
from django.test import override_settings

DEMO_PASSWORD = "Demo-pass-2026"


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    """Every demo account (one per role and scope) and the demo's casework and rectification."""
    from xuncha.accounts.models import User
    from xuncha.demo.loader import load_demo
    from xuncha.demo.world import ACCOUNTS

    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast:
        outer = transaction.atomic()
        outer.__enter__()
        try:
            load_demo(passwords={username: DEMO_PASSWORD for username, *_rest in ACCOUNTS})
            yield {username: User.objects.get(username=username) for username, *_rest in ACCOUNTS}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
