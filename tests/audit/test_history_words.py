"""Change history reads as words: a flag shows 是/否, never Python's True/False."""

import pytest
from django.utils import translation

from tests.factories import UserFactory, user_with_role
from xuncha.accounts.enums import Role
from xuncha.audit.history import history_entries

pytestmark = pytest.mark.django_db


def test_a_changed_flag_reads_yes_or_no(tree):
    account = UserFactory(organisation=tree.city)
    account.must_change_password = not account.must_change_password
    account.save()
    reader = user_with_role(Role.SECURITY_ADMIN, tree.city)
    with translation.override("zh-hans"):
        changes = [c for e in history_entries(account, user=reader) for c in e.changes]
    flag = [c for c in changes if "True" in c[1:] or "False" in c[1:] or "是" in c[1:] or "否" in c[1:]]
    assert flag, changes  # the flag's change is listed
    assert all(value in {"是", "否"} for c in flag for value in c[1:]), flag
