from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.factories import make_inspection, make_term
from xuncha.inspections.domain import add_indicator, record_reading
from xuncha.inspections.figures import progress

pytestmark = pytest.mark.django_db


def test_seed_000_disposal_rate_is_computed_from_readings(tree):
    term = make_term(tree.city)
    inspection = make_inspection(term, [tree.district], kind="special", theme="国有资产管理使用情况")
    indicator = add_indicator(
        inspection,
        by=None,
        name="闲置资产去化率",
        unit="万平方米",
        baseline=Decimal("782.61"),
        target=Decimal("626.09"),
    )
    assert progress(indicator).rate is None
    record_reading(indicator, by=None, on=date(2023, 6, 30), value=Decimal("300.00"))
    record_reading(indicator, by=None, on=date(2023, 12, 31), value=Decimal("467.54"))
    assert progress(indicator).rate == Decimal("59.74")
    assert progress(indicator).target_rate == Decimal("80.00")
    with pytest.raises(ValidationError):
        record_reading(indicator, by=None, on=date(2024, 1, 1), value=Decimal("800"))
    with pytest.raises(ValidationError):
        add_indicator(inspection, by=None, name="空", unit="", baseline=Decimal("0"))
