"""Supervision documents on an inspection of two sibling organisations: a document about one
organisation's measures (whose text quotes them) goes to that organisation or the measures'
units, never to the other inspected organisation."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from tests.factories import OTHER_MEASURE, two_target_inspection
from xuncha.supervision import documents as domain

pytestmark = pytest.mark.django_db


def test_a_document_on_one_organisations_measures_is_not_addressed_to_the_other(tree):
    two = two_target_inspection(tree)
    measure = two.measures["other"][0]
    today = measure.deadline - timedelta(days=5)

    def draft(addressee, **kwargs):
        return domain.draft_document(two.inspection, by=None, kind="notice", addressee=addressee, today=today, **kwargs)

    document = draft(tree.other_district, measures=[measure])
    assert document.plan == two.plans["other"] and OTHER_MEASURE in document.body
    assert draft(tree.other_street, measures=[measure]).addressee == tree.other_street  # the measure's unit
    for addressee in (tree.district, tree.street):
        with pytest.raises(ValidationError) as caught:
            draft(addressee, measures=[measure])
        assert set(caught.value.error_dict) == {"addressee"}
        with pytest.raises(ValidationError):
            draft(addressee, plan=two.plans["other"])
