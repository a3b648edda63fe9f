"""Load the demo world idempotently: running it twice changes nothing and duplicates nothing.

Everything goes through the domain functions, so the demo has the same audit trail and
history as data typed in by hand.
"""

import secrets
import string
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from xuncha.accounts.domain import create_user, grant_role
from xuncha.accounts.models import RoleGrant, User
from xuncha.demo.world import ACCOUNTS, EXTRA_GRANTS, PEOPLE, TREE
from xuncha.orgs.domain import create_organisation
from xuncha.orgs.models import Organisation
from xuncha.people.domain import add_employment, create_person
from xuncha.people.models import Person


@dataclass
class DemoAccount:
    username: str
    display_name: str
    role: str
    scope: str
    password: str | None
    totp_key: str | None = None  # the authenticator key, when set now (roles that require two-factor login)


def new_password() -> str:
    """12 characters with all four classes, easy to type (no look-alikes)."""
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    while True:
        body = "".join(secrets.choice(alphabet) for _ in range(10))
        candidate = body + secrets.choice("@#%+") + secrets.choice(string.digits[2:])
        if any(c.islower() for c in candidate) and any(c.isupper() for c in candidate):
            return candidate


def _ensure_org(node, parent) -> None:
    code, name, level, kind, children = node
    org = Organisation.objects.filter(code=code).first()
    if org is None:
        org = create_organisation(by=None, parent=parent, code=code, name=name, level=level, kind=kind)
    for index, child in enumerate(children):
        _ensure_org(child, org)
        del index


def _org(code: str) -> Organisation:
    return Organisation.objects.get(code=code)


def _ensure_person(name, org_code, position, rank) -> Person:
    org = _org(org_code)
    person = Person.objects.filter(name=name, organisation=org).first()
    return person or create_person(by=None, organisation=org, name=name, position=position, rank=rank)


def _ensure_authenticator(user, role, *, fresh: bool) -> str | None:
    """The roles that require two-factor login get an authenticator with a new key whenever
    their password is set here; the key is printed with the password, to be added to an
    authenticator app (or `oathtool --totp -b KEY`). Returns the key when set now."""
    from xuncha.accounts.enums import Role
    from xuncha.accounts.twofactor.domain import enrol_without_code, has_two_factor, new_secret, secret_text

    if role not in Role.two_factor_required() or (not fresh and has_two_factor(user)):
        return None
    secret = new_secret()
    enrol_without_code(user, secret=secret)
    return secret_text(secret)


@transaction.atomic
def load_demo(
    *,
    reset_passwords: bool = False,
    passwords: dict[str, str] | None = None,
    casework: bool = True,
    current: bool | None = None,
) -> list[DemoAccount]:
    """Create what is missing. Returns the accounts, with a password only where one was set now.

    `casework`: seed 004's clues and petitions (the slow part); `current` (by default as
    `casework`): the current term's work dated from today (xuncha/demo/current.py)."""
    _ensure_org(TREE, None)
    for name, org_code, position, rank, history in PEOPLE:
        person = _ensure_person(name, org_code, position, rank)
        for prev_code, prev_position, start, end in history:
            if not person.employments.filter(organisation__code=prev_code).exists():
                add_employment(
                    person,
                    by=None,
                    organisation=_org(prev_code),
                    position=prev_position,
                    start=date.fromisoformat(start),
                    end=date.fromisoformat(end),
                )
    result = []
    for username, display, home, role, scope, position, rank in ACCOUNTS:
        user = User.objects.filter(username=username).first()
        password = None
        if user is None:
            person = _ensure_person(display, home, position, rank) if position else None
            password = (passwords or {}).get(username) or new_password()
            user = create_user(
                by=None,
                username=username,
                password=password,
                organisation=_org(home),
                display_name=display,
                person=person,
            )
        elif reset_passwords or (passwords and username in passwords):
            password = (passwords or {}).get(username) or new_password()
            user.set_password(password)
            user.save(update_fields=["password"])
        if not RoleGrant.objects.active().filter(user=user, role=role, organisation=_org(scope)).exists():
            grant_role(by=None, grantee=user, role=role, organisation=_org(scope), note="demo")
        totp_key = _ensure_authenticator(user, role, fresh=password is not None)
        result.append(DemoAccount(username, display, str(role.label), _org(scope).name, password, totp_key))
    for username, role, scope in EXTRA_GRANTS:
        user = User.objects.get(username=username)
        if not RoleGrant.objects.active().filter(user=user, role=role, organisation=_org(scope)).exists():
            grant_role(by=None, grantee=user, role=role, organisation=_org(scope), note="demo")
    from xuncha.demo.carryover import load_carryover, load_district_history
    from xuncha.demo.casework import load_casework
    from xuncha.demo.planning import load_planning
    from xuncha.demo.reports import load_reports

    load_planning()
    load_reports()  # first: seed 004's casework belongs to the provincial inspection imported here
    load_carryover()  # 十二届市委's ledger: what its term carried over (issue 17)
    if casework:
        load_casework()
    if casework if current is None else current:
        from xuncha.demo.current import load_current

        load_current()
        load_district_history()
        from xuncha.surveys.demo import load_surveys

        load_surveys()  # the 民主测评 on the 码上巡 page of the current inspection of 梧村街道
        from xuncha.followup.demo import load_follow_up

        load_follow_up()  # a 回头看 of the term's first-round inspection of 思明区委
        from xuncha.common.demo import load_common

        load_common()  # seed 003's common-problem list (6 categories, 82 items) and its self-checks
        from xuncha.evaluation.demo import load_evaluation

        load_evaluation()  # the evaluation schemes and the evaluation of 梧村街道's rectification
        from xuncha.cases.demo import load_cases

        load_cases()  # typical cases drawn from 梧村街道's problems and seed 004's concluded clues
        from xuncha.results.demo import load_results
        from xuncha.supervision.demo import load_accountability

        load_results()  # seed 002's 2020 register: 3 要情专报, 23 专题报告, 43 抄告单
        load_accountability()  # seed 001's 补充问责17人 under the 巡视 of 思明区委
        from xuncha.meetings.demo import load_meetings

        load_meetings()  # 十三届市委's meetings: 10 leader attendances at its feedback meetings (seed 003)
        from xuncha.appraisal.demo import load_appraisal

        load_appraisal()  # the city's appraisal of the six districts' inspection work
    return result
