"""`xuncha bench seed` is reproducible: the same scale and seed give the same rows, on SQLite and
on PostgreSQL alike (the digest below is the same on both), and its summary tables equal a
recount. A miniature city keeps the test fast; the full city only changes the sizes."""

import hashlib
import json

import pytest

from benchmarks.seed import Generator, SeedError, seeded_scale

pytestmark = pytest.mark.django_db

# the digest of the miniature world below; it changes only when the generator does
EXPECTED = "d36eb8be9809ead62da5b435968d558f8492105b44511ab6872354d4113b35df"


class Miniature(Generator):
    CITY_BODIES = 3
    DISTRICTS = 1
    DISTRICT_BODIES = 2
    TOWNS = 2
    VILLAGES = 2


def _digest() -> str:
    from xuncha.clues.models import Clue
    from xuncha.findings.models import Problem
    from xuncha.petitions.models import Petition
    from xuncha.rectification.models import Measure

    rows = {
        "measures": list(
            Measure.objects.order_by("plan__organisation__code", "number").values_list(
                "plan__organisation__code", "number", "content", "leader", "status", "sign_off", "deadline"
            )
        ),
        "problems": list(Problem.objects.order_by("organisation__code", "position").values_list("number", "title")),
        "clues": list(Clue.objects.order_by("inspection__targets__organisation__code", "serial").values_list("status")),
        "petitions": sorted(Petition.objects.values_list("tracking_code", flat=True)),
    }
    return hashlib.sha256(json.dumps(rows, default=str, ensure_ascii=False).encode()).hexdigest()


def test_the_same_seed_gives_the_same_world():
    from xuncha import tallies
    from xuncha.rectification.models import Measure

    report = Miniature(1, 2025, lambda _m: None).run()
    assert report.rows["rectification_measure"] == Measure.objects.count() > 50
    assert report.rows_per_second > 0
    assert seeded_scale() == 1
    assert tallies.differences() == []
    digest = _digest()
    assert digest == EXPECTED
    with pytest.raises(SeedError):
        Miniature(1, 2025, lambda _m: None).run()  # only into an empty database
