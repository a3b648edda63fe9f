"""The guards of the public site, one by one: a flood's refusals cost one row per page and
reason, the CAPTCHA cannot be read from its challenge, and addresses are never kept in clear."""

import base64

import pytest
from django.test import RequestFactory

from xuncha.public import abuse, counters
from xuncha.public.enums import RefusalReason, TallyKind
from xuncha.public.models import Tally

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clean():
    counters.clear()
    abuse.flush()
    Tally.objects.all().delete()
    yield
    counters.clear()


def test_a_flood_of_refusals_is_written_as_one_row_per_reason(settings, django_assert_max_num_queries):
    settings.XUNCHA_PUBLIC_TALLY_SECONDS = 3600
    abuse.flush()
    with django_assert_max_num_queries(0):
        for _ in range(500):
            abuse.refuse(RefusalReason.RATE_LIMIT)
        for _ in range(7):
            abuse.refuse(RefusalReason.CAPTCHA)
    assert not Tally.objects.exists()
    assert abuse.flush() == 2
    counts = dict(Tally.objects.filter(kind=TallyKind.REFUSED).values_list("reason", "count"))
    assert counts == {RefusalReason.RATE_LIMIT: 500, RefusalReason.CAPTCHA: 7}
    assert abuse.flush() == 0  # nothing counted twice


def test_the_challenge_does_not_carry_its_answer_in_clear():
    challenge = abuse.new_challenge()
    answer, _issued = abuse._open_challenge(challenge)
    raw = base64.urlsafe_b64decode(challenge + "=" * (-len(challenge) % 4))
    assert answer.encode() not in raw
    assert abuse._open_challenge(challenge[:-2] + ("AA" if not challenge.endswith("AA") else "BB")) is None
    assert abuse.challenge_image(challenge).startswith(b"\x89PNG")


def test_a_challenge_is_good_once():
    challenge = abuse.new_challenge()
    answer = abuse._open_challenge(challenge)[0]
    assert not abuse.captcha_passed(challenge, "1")
    assert abuse.captcha_passed(challenge, answer)
    assert not abuse.captcha_passed(challenge, answer)


def test_an_expired_challenge_fails(monkeypatch):
    challenge = abuse.new_challenge()
    answer = abuse._open_challenge(challenge)[0]
    real = abuse.time.time
    monkeypatch.setattr(abuse.time, "time", lambda: real() + abuse.CAPTCHA_SECONDS + 1)
    assert not abuse.captcha_passed(challenge, answer)


def test_the_rate_limit_keys_hold_no_address():
    request = RequestFactory().get("/m/x/", REMOTE_ADDR="198.51.100.23")
    key = abuse.address_key(request)
    assert "198.51.100.23" not in key and len(key) == 32
    assert key == abuse.address_key(RequestFactory().get("/", REMOTE_ADDR="198.51.100.23"))
    assert key != abuse.address_key(RequestFactory().get("/", REMOTE_ADDR="198.51.100.24"))


def test_a_window_lets_the_limit_through_and_no_more():
    assert [abuse.hit("test", 3, 60) for _ in range(5)] == [True, True, True, False, False]


def test_a_stopping_worker_writes_the_refusals_it_counted():
    """Counted since the last flush and the worker stops (a restart): written at exit, not lost."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = """
import django
django.setup()
from xuncha.public import abuse
from xuncha.public.models import Tally
Tally.objects.bulk_create = lambda rows: print("written", sorted((r.reason, r.count) for r in rows))
abuse.refuse("rate_limit")
abuse.refuse("rate_limit")
abuse.refuse("captcha")
print("stopping")
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "xuncha.settings", "XUNCHA_ENV": "test",
             "XUNCHA_PUBLIC_TALLY_SECONDS": "3600"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["stopping", "written [('captcha', 1), ('rate_limit', 2)]"]
