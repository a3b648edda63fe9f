"""The floor pages of the HTTP benchmark (benchmarks/views.py) read through the permission module."""

import pytest
from django.test import RequestFactory

from benchmarks import views
from tests.factories import user_with_role
from xuncha.accounts.enums import Role

pytestmark = pytest.mark.django_db


def _get(view, user):
    request = RequestFactory().get("/bench/rows")
    request.user = user
    return view(request)


def test_rows_show_the_users_measures_only(tree):
    from tests.factories import feedback_with_problems, make_term
    from tests.rectification.test_dashboard import FUTURE, _approved, _inspection

    term = make_term(tree.city)
    inspection = _inspection(term, [tree.other_district], "对湖里区的巡察")
    problems = feedback_with_problems(inspection, 1, organisation=tree.other_district)
    (measure,) = _approved(inspection, tree.other_district, tree.other_street, problems, [{"deadline": FUTURE}])
    mine = _get(views.rows, user_with_role(Role.OFFICE, tree.city)).content.decode()
    assert measure.content[:20] in mine and "对湖里区的巡察" in mine
    elsewhere = _get(views.rows, user_with_role(Role.LIAISON, tree.district)).content.decode()
    assert "对湖里区的巡察" not in elsewhere
    assert _get(views.layout, user_with_role(Role.LIAISON, tree.district)).status_code == 200
