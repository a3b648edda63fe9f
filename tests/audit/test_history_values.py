"""The change history shows a yes-or-no field as 是/否, never Python's True/False (an account's
forced password change, seen by the security administrator)."""

import pytest
from django.utils import translation

from tests.factories import UserFactory
from xuncha.audit.history import history_entries

pytestmark = pytest.mark.django_db


def test_history_of_a_boolean_field_reads_yes_and_no_in_chinese():
    user = UserFactory()
    user.must_change_password = True
    user.save()
    with translation.override("zh-hans"):
        entries = history_entries(user, user=None)
    changes = [c for entry in entries for c in entry.changes]
    assert [(old, new) for _label, old, new in changes] == [("否", "是")]
