"""Form markup: choices sit in Tabler's form-check (a bare form-check-input floats out of the
form, under its buttons: the new term's 覆盖层级 could not be clicked); the overdue badge is
readable (light text on red, never Tabler's default grey)."""

import re
from pathlib import Path

import pytest

from tests.factories import user_with_role
from xuncha.accounts.enums import Role

pytestmark = pytest.mark.django_db
TEMPLATES = Path(__file__).resolve().parents[2] / "xuncha"


def test_term_form_puts_each_level_in_a_form_check(tree, client):
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    page = client.get("/plans/new/").content.decode()
    group = page.split('data-testid="choices-scope_levels"')[1].split("</div>")[0]
    boxes = re.findall(r'<label class="form-check form-check-inline" for="(id_scope_levels_\d+)">\s*<input', group)
    assert len(boxes) >= 3
    assert 'class="form-check-label"' in group


def test_term_form_saves_the_ticked_levels(tree, client):
    from xuncha.plans.models import Term

    client.force_login(user_with_role(Role.OFFICE, tree.city))
    form = client.get("/plans/new/").content.decode()
    once = re.search(r'name="_once" value="([0-9a-f]{32})"', form)[1]
    posted = {
        "name": "十三届市委", "owner": tree.city.pk, "starts_on": "2026-01-01", "ends_on": "2030-12-31",
        "plan_months": 2, "report_months": 6, "recusal_years": 5, "scope_levels": ["district"], "_once": once,
    }
    assert client.post("/plans/new/", posted).status_code == 302
    assert Term.objects.get(name="十三届市委").scope_levels == ["district"]


COLOURS = "red|green|yellow|blue|orange|purple|azure|teal"
SOLID_BADGE = re.compile(rf'class="[^"]*\bbadge\b[^"]*\bbg-({COLOURS})\b(?!-lt)[^"]*"')


def test_solid_badges_carry_their_foreground_colour():
    offenders = []
    for template in TEMPLATES.rglob("templates/**/*.html"):
        for match in SOLID_BADGE.finditer(template.read_text(encoding="utf-8")):
            if f"text-{match[1]}-fg" not in match[0]:
                offenders.append(f"{template.relative_to(TEMPLATES)}: {match[0]}")
    assert offenders == []


def test_overdue_badge_is_light_on_red():
    badge = (TEMPLATES / "web/templates/web/_overdue_badge.html").read_text(encoding="utf-8")
    assert 'class="badge bg-red text-red-fg"' in badge
