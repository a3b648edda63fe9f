"""The API's permission matrix with tokens, over the demo world and whatever is declared (every
declared list, every exposed model, every declared action of it), so an app's new
`endpoints.py` or `lists.py` is covered the day it is merged:

* a list returns exactly the rows of the page (`spec.rows(user, {})`) to each demo account;
* a detail is 200 iff the object is in the exposed loader's scope for the caller, else 404;
* a declared step succeeds through the API iff it is offered to the caller (`offered_to`),
  else 403 (not allowed), 400 (its state does not allow it) or 404 (out of scope), each POST
  in a savepoint rolled back;
* a read-only token reads what a read-write one reads and is refused every write (403); a
  revoked or expired token gets 401; the rate limit counts per token;
* no list or Excel export of a model whose records carry reporters' identities ever contains a
  reporter's name or phone.

Objects are sampled: per model, one or two objects per "state" (which of its declared steps
the state allows), plus for each account the first object it sees and the first it does not.
"""

import json
from datetime import timedelta
from io import BytesIO

import openpyxl
import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from xuncha.accounts.models import ApiToken
from xuncha.accounts.permissions import Action as Access
from xuncha.accounts.tokens import create_token, revoke_token
from xuncha.lists.declarations import REGISTRY as LISTS
from xuncha.restapi.exposure import EXPOSED
from xuncha.restapi.v1 import build
from xuncha.workflow import actions

pytestmark = pytest.mark.django_db

# Valid API input of each declared step, by action name; a step not named takes DEFAULT_INPUT.
# An offered step answering 400 with valid-looking input shows up as a disagreement: add its
# input here (the steps of an app's new endpoints).
DEFAULT_INPUT = {"reason": "矩阵测试"}
# A callable takes the object (and the acting user) and gives the input with ids valid for it.


def _first(queryset):
    obj = queryset.order_by("pk").first()
    return obj.pk if obj is not None else None


def _aspect(inspection):
    from xuncha.findings.models import Aspect

    return _first(Aspect.objects.filter(inspection=inspection))


def _item(inspection):
    """The first item of the first aspect (a problem under an aspect with items needs one)."""
    from xuncha.findings.models import Item

    return _first(Item.objects.filter(aspect=_aspect(inspection)))


def _target(inspection, user):
    """An organisation the inspection targets that the user may name."""
    from xuncha.orgs.queries import organisations_for_user

    return _first(organisations_for_user(user).filter(pk__in=inspection.targets.values("organisation")))


def _outsider_org(inspection, user):
    """An organisation in the user's scope and the term's, not yet targeted, where no team member
    works (that would be a conflict of interest, refused)."""
    from xuncha.orgs.queries import organisations_for_user
    from xuncha.people.models import Employment

    taken = inspection.targets.values("organisation")
    candidates = organisations_for_user(user).filter(path__startswith=inspection.term.owner.path).exclude(pk__in=taken)
    worked = Employment.objects.filter(person__team_memberships__inspection=inspection).values_list(
        "organisation__path", flat=True)
    for org in candidates.order_by("-pk"):
        if not any(path.startswith(org.path) or org.path.startswith(path) for path in worked):
            return org.pk
    return None


def _free_person(inspection, user):
    from xuncha.people.queries import people_for_user

    return _first(people_for_user(user).exclude(team_memberships__inspection=inspection))


def _discipline(user):
    from xuncha.orgs.enums import OrgKind
    from xuncha.orgs.queries import organisations_for_user

    return _first(organisations_for_user(user).filter(kind=OrgKind.DISCIPLINE_COMMISSION))


def _category():
    from xuncha.findings.models import Category

    return _first(Category.objects.active())


def _public_page(user):
    """A published 码上巡 page of an inspection the user may read (questionnaires open there)."""
    from xuncha.inspections.queries import inspections_for_user
    from xuncha.public.models import PublicPage

    return PublicPage.objects.filter(inspection__in=inspections_for_user(user), withdrawn_at__isnull=True).first()


def _term_problem(item, user, *, marked: bool):
    """A problem of the common list's term the user may read: one the item was drawn from
    (to unmark), or one it was not (to mark)."""
    from xuncha.accounts.permissions import restrict
    from xuncha.findings.models import Problem

    mine = item.source_problems.values("pk")
    problems = restrict(Problem.objects.filter(inspection__term=item.category.common_list.term), user)
    return _first(problems.filter(pk__in=mine) if marked else problems.exclude(pk__in=mine))


def _own_org(user):
    from xuncha.orgs.queries import organisations_for_user

    return _first(organisations_for_user(user))


def _joinable(campaign, user):
    """An inspection the user sees, of the campaign's committee or below, not yet in it."""
    from xuncha.inspections.queries import inspections_for_user

    return _first(
        inspections_for_user(user)
        .filter(term__owner__path__startswith=campaign.owner.path)
        .exclude(campaign_links__campaign=campaign, campaign_links__archived_at__isnull=True)
    )
def _term_inspection(meeting, user):
    """An inspection of the meeting's term the user may read (an agenda item's subject)."""
    from xuncha.inspections.queries import inspections_for_user

    return _first(inspections_for_user(user).filter(term=meeting.term))


def _meeting_owner(meeting):
    from xuncha.meetings.queries import owner_choices

    return _first(owner_choices(meeting.term))


CORRECTION = {"correction_reason": "矩阵测试更正"}
STEP_INPUT = {
    # 三方联审: a reviewing body's return says why (DEFAULT_INPUT's reason would do; named here)
    "plan.return_joint": {"reason": "联审意见：整改措施不够具体"},
    "measure.return_joint": {"reason": "联审意见：佐证材料不足"},
    "plan.sign": {},
    "measure.sign_joint": {},
    "measure.flag": {"kind": "perfunctory", "reason": "敷衍"},
    "measure.regulation": {"title": "制度", "issuer": "区委办", "issued_on": "2022-01-01"},
    "measure.request_change": {"reason": "延期", "deadline": "2030-01-01"},
    "report.correct": {"text": "更正后的报告文本"},
    "fix.record_result": {"result": "已整改到位", "on": "2021-08-01"},
    "indicator.record_reading": {"on": "2022-01-01", "value": "5", "note": ""},
    "member.evaluate": {"grade": "excellent", "comment": ""},
    "inspection.appraise_team": {"score": "88.5", "grade": "competent", "comment": "矩阵"},
    "petition.conclude": {"reply": "已核查答复", "on": "2021-08-01"},
    "petition.to_clue": {"allegation": "某科长违规", "person_name": "乙某", "person_rank": "section",
                         "person_position": "科长", "received_on": "2021-08-01"},
    "petition.to_finding": lambda p, u: _target(p.inspection, u) and {"text": "补贴发放不规范", "category": _category(),
                                         "organisation": _target(p.inspection, u)},
    "petition.to_fix": lambda p, u: _target(p.inspection, u) and {"organisation": _target(p.inspection, u),
                                                                    "description": "请立即整改",
                                     "handed_over_on": "2021-08-01", "deadline": "2021-09-01"},
    "inspection.add_aspect": {"title": "矩阵测试方面", **CORRECTION},
    "inspection.add_item": lambda i, u: _aspect(i) and {"aspect": _aspect(i), "title": "矩阵测试项", **CORRECTION},
    "inspection.add_problem": lambda i, u: _aspect(i) and {
        "aspect": _aspect(i), **({"item": _item(i)} if _item(i) else {}),
        "title": "矩阵测试问题", "text": "问题表现", **CORRECTION},
    "inspection.paste_feedback": {"text": "（一）落实党的理论方面\n1．学习贯彻有落差\n（1）学习不深入。\n"},
    "inspection.close_correction": {"reason": "矩阵测试更正"},
    "aspect.update": {"title": "矩阵测试方面"},
    "item.update": {"title": "矩阵测试项"},
    "aspect.move": {"direction": "down"},
    "item.move": {"direction": "down"},
    "problem.move": {"direction": "down"},
    "aspect.delete": {},
    "item.delete": {},
    "problem.delete": {},
    "inspection.record_finding": lambda i, u: _target(i, u) and {
        "text": "发现的问题", "source": "talk", "category": _category(), "organisation": _target(i, u)},
    "inspection.add_indicator": {"name": "指标", "unit": "项", "baseline": "1", "target": "10"},
    "inspection.create_request": lambda i, u: {"recipient_kind": "discipline", "recipient": _discipline(u),
                                               "subject": "调阅材料", "sent_on": "2021-08-01",
                                               "due_on": "2021-08-10"},
    "inspection.add_target": lambda i, u: _outsider_org(i, u) and {"organisation": _outsider_org(i, u)},
    "inspection.assign_member": lambda i, u: _free_person(i, u) and {"person": _free_person(i, u),
                                                                     "role": "member", "override_reason": "矩阵"},
    "user.reset_password": {"password": "Matrix-Test-Passw0rd!"},
    # steps the demo's current work (xuncha/demo/current.py) leaves open
    "clue.transfer": lambda c, u: _discipline(u) and {"receiving_body": _discipline(u), "receiving_kind": "discipline"},
    # the demo's concluded clues (seed 004's casework) leave their people's outcomes open
    "clue.record_outcome": lambda c, u: {"person": c.persons.order_by("pk").first().pk, "disposition": "criticism"},
    "fix.answer": lambda f, u: {"answer": "已向反映人答复", "on": timezone.localdate().isoformat()},
    "document.answer": {"answer": "已按要求整改并报送佐证材料"},
    "document.edit": lambda d, u: {"version": d.version, "title": d.title},
    "result.edit": lambda d, u: {"version": d.version, "title": d.title},
    "result.reply": {"reply": "已研究办理，整改到位"},
    "user.grant_role": lambda account, u: {"role": "leadership", "organisation": account.organisation_id},
    "campaign.add_inspection": lambda c, u: _joinable(c, u) and {"inspection": _joinable(c, u)},
    "case.record_use": lambda c, u: _own_org(u) and {
        "used_on": "2026-01-05", "occasion": "矩阵测试党性课堂", "organisation": _own_org(u), "attendees": 30},
    "term.create_common_list": {"title": "矩阵测试共性问题清单", "due_on": "2030-01-31"},
    "commonlist.add_category": {"name": "矩阵测试类别"},
    "appraisal.score": lambda a, u: {"item": _first(a.scheme.sections.first().items), "score": "1", "reason": "矩阵"},
    "commonitem.mark_problem": lambda i, u: _term_problem(i, u, marked=False) and {
        "problem": _term_problem(i, u, marked=False)},
    "commonitem.unmark_problem": lambda i, u: _term_problem(i, u, marked=True) and {
        "problem": _term_problem(i, u, marked=True)},
    # meetings (xuncha/meetings): an agenda item on an inspection of the meeting's term, a
    # follow-up item sent to an account of the meeting's committee
    "meeting.add_item": lambda m, u: {"title": "矩阵测试议题", "decision": "同意",
                                      "inspection": _term_inspection(m, u)},
    "meeting.add_follow_up": lambda m, u: {"description": "矩阵测试交办事项", "owner": _meeting_owner(m),
                                           "deadline": (m.held_on + timedelta(days=30)).isoformat()},
    "followup.complete": {"note": "矩阵测试：已办结"},
    "questionnaire.open": lambda q, u: _public_page(u) and {
        "inspection": _public_page(u).inspection_id, "opens_on": "2030-01-01", "closes_on": "2030-01-31"},
}


@pytest.fixture(autouse=True)
def _generous_rate(settings):
    settings.XUNCHA_API_RATE = "100000/min"


@pytest.fixture(scope="module")
def tokens(demo_world, django_db_blocker):
    """A read-write and a read-only token for every demo account (one per role and scope)."""
    build()
    made = {}
    with django_db_blocker.unblock():
        for username, user in demo_world.items():
            _w, write = create_token(user, name="矩阵", scope="write")
            _r, read = create_token(user, name="矩阵只读", scope="read")
            made[username] = ({"HTTP_AUTHORIZATION": f"Bearer {write}"}, {"HTTP_AUTHORIZATION": f"Bearer {read}"})
    return made


def _list_items(client, name, auth) -> tuple[int, list[dict]]:
    items, offset = [], 0
    while True:
        response = client.get(f"/api/v1/{name}?limit=500&offset={offset}", **auth)
        assert response.status_code == 200, (name, response.content[:300])
        page = response.json()
        items += page["items"]
        offset += 500
        if offset >= page["count"]:
            return page["count"], items


def _keys(spec, items) -> list:
    """What identifies the rows: their ids, or (for a list without an id column) the whole row."""
    if any(c.name == "id" for c in spec.columns):
        return [item["id"] for item in items]
    return [json.dumps(item, sort_keys=True, ensure_ascii=False) for item in items]


def _expected_items(spec, rows) -> list[dict]:
    from ninja.responses import NinjaJSONEncoder

    from xuncha.restapi.v1 import _plain

    cells = [{c.name: _plain(v) for c, v in zip(spec.columns, spec.cells(row), strict=True)} for row in rows]
    return json.loads(json.dumps(cells, cls=NinjaJSONEncoder, ensure_ascii=False))


def test_every_list_returns_the_pages_rows(demo_world, tokens, client):
    assert LISTS
    seen_rows = 0
    for name, spec in LISTS.items():
        for username, user in demo_world.items():
            rows = list(spec.details(spec.rows(user, {})))
            write, read = tokens[username]
            count, items = _list_items(client, name, write)
            assert count == len(rows), (name, username)
            if any(c.name == "id" for c in spec.columns):
                assert _keys(spec, items) == [row.pk for row in rows], (name, username)
            else:
                assert _keys(spec, items) == _keys(spec, _expected_items(spec, rows)), (name, username)
            assert _list_items(client, name, read) == (count, items), (name, username)  # read-only reads the same
            seen_rows += count
    assert seen_rows > 0


def _states(model: str, objects) -> dict[tuple, list]:
    """The objects of a model grouped by which of its declared steps their state allows."""
    declared = actions.for_model(model)
    groups: dict[tuple, list] = {}
    for obj in objects:
        groups.setdefault(tuple(a.guard(obj) is None for a in declared), []).append(obj)
    return groups


def _sample(model: str, users) -> list:
    """One or two objects per state, and each account's first visible and first hidden object."""
    Model = apps.get_model(model)
    objects = list(Model.objects.order_by("pk"))
    chosen = {}
    for group in _states(model, objects).values():
        chosen[group[0].pk] = group[0]
        chosen[group[-1].pk] = group[-1]
    loader = EXPOSED[model].loader
    for user in users:
        visible = set(loader(user).values_list("pk", flat=True))
        for obj in [next((o for o in objects if o.pk in visible), None),
                    next((o for o in objects if o.pk not in visible), None)]:
            if obj is not None:
                chosen[obj.pk] = obj
    return sorted(chosen.values(), key=lambda o: o.pk)


def test_a_detail_is_found_iff_in_scope(demo_world, tokens, client):
    assert EXPOSED
    wrong, found = [], 0
    for model, exposed in EXPOSED.items():
        sample = _sample(model, demo_world.values())
        for username, user in demo_world.items():
            visible = set(exposed.loader(user).values_list("pk", flat=True))
            write, read = tokens[username]
            picks = {next((o.pk for o in sample if o.pk in visible), None),
                     next((o.pk for o in sample if o.pk not in visible), None)}
            for obj in sample:
                response = client.get(f"/api/v1/{exposed.segment}/{obj.pk}", **write)
                expected = 200 if obj.pk in visible else 404
                if response.status_code != expected:
                    wrong.append((model, obj.pk, username, expected, response.status_code))
                if obj.pk in picks:  # a read-only token reads the same
                    again = client.get(f"/api/v1/{exposed.segment}/{obj.pk}", **read)
                    if again.status_code != expected or (expected == 200 and again.json() != response.json()):
                        wrong.append((model, obj.pk, username, "read-only", again.status_code))
                found += expected == 200
    assert wrong == []
    assert found > 0


def _posted_steps():
    return [(model, a) for model, exposed in EXPOSED.items() for a in actions.for_model(model)
            if a.verb not in exposed.own_endpoints]


def test_a_step_succeeds_through_the_api_iff_offered(demo_world, tokens, client):
    disagreements, taken, refused = [], 0, 0
    for model, exposed in EXPOSED.items():
        Model = apps.get_model(model)
        steps = [a for a in actions.for_model(model) if a.verb not in exposed.own_endpoints]
        if not steps:
            continue
        sample = [group[0] for group in _states(model, Model.objects.order_by("pk")).values()]
        for obj in sample:
            for username, user in demo_world.items():
                write, _read = tokens[username]
                visible = exposed.loader(user).filter(pk=obj.pk).exists()
                for action in steps if visible else steps[:1]:  # out of scope: 404 before any step
                    fresh = Model.objects.get(pk=obj.pk)
                    offered = action.offered_to(user, fresh)
                    if not visible:
                        expected = 404
                        if any(a.offered_to(user, fresh) for a in steps):
                            disagreements.append((action.name, obj.pk, username, "offered out of scope"))
                    elif offered:
                        expected = 200
                    else:
                        expected = 403 if not action.allowed(user, fresh) else 400
                    payload = STEP_INPUT.get(action.name, DEFAULT_INPUT)
                    if callable(payload):
                        payload = payload(fresh, user)
                        if not payload:
                            continue  # no valid input for this object (no aspect yet, nobody left to add)
                    with transaction.atomic():
                        response = client.post(f"/api/v1/{exposed.segment}/{obj.pk}/{action.verb}",
                                               json.dumps(payload), content_type="application/json", **write)
                        transaction.set_rollback(True)
                    if expected == 200 and response.status_code == 204:
                        expected = 204  # taken, and the object handed on out of the caller's sight
                    if response.status_code != expected:
                        disagreements.append((action.name, obj.pk, username, expected, response.status_code,
                                              response.content[:200].decode(errors="replace")))
                    taken += response.status_code in {200, 204}
                    refused += response.status_code in {400, 403}
    assert disagreements == []
    assert taken > 0 and refused > 0


def test_a_read_only_token_writes_nothing(demo_world, tokens, client):
    """Every write operation of the schema (declared steps and the apps' own endpoints) is
    refused to a read-only token, even a step its user is offered, and nothing changes."""
    schema = client.get("/api/v1/openapi.json", **tokens["office"][1]).json()
    writes = [(method, path) for path, methods in schema["paths"].items() for method in methods
              if method in {"post", "put", "patch", "delete"}]
    assert writes
    offered = {}  # path -> (account, object) to whom its step is offered
    for model, exposed in EXPOSED.items():
        for group in _states(model, apps.get_model(model).objects.order_by("pk")).values():
            obj = group[0]
            for action in actions.for_model(model):
                path = f"/api/v1/{exposed.segment}/{{object_id}}/{action.verb}"
                if path in offered:
                    continue
                taker = next((name for name, user in demo_world.items() if action.offered_to(user, obj)), None)
                if taker is not None:
                    offered.setdefault(path, (taker, obj))
    assert offered, "some step is offered to someone in the demo"
    for method, path in writes:
        username, obj = offered.get(path, ("office", None))
        before = model_to_dict(type(obj).objects.get(pk=obj.pk)) if obj else None
        url = path
        for param in [p for p in path.split("/") if p.startswith("{")]:
            url = url.replace(param, str(obj.pk if obj else 1))
        response = getattr(client, method)(url, json.dumps(DEFAULT_INPUT), content_type="application/json",
                                           **tokens[username][1])
        assert response.status_code == 403, (method, path, response.status_code)
        if obj is not None:
            assert model_to_dict(type(obj).objects.get(pk=obj.pk)) == before, path


def test_a_revoked_or_expired_token_is_refused(demo_world, client):
    build()  # the apps' endpoints are registered (and EXPOSED filled) when the API is built
    user = demo_world["office"]
    name = next(iter(LISTS))
    _model, exposed, step = next(
        (m, e, a) for m, e in EXPOSED.items() for a in actions.for_model(m)
        if a.verb not in e.own_endpoints and e.loader(user).exists()
    )
    obj = exposed.loader(user).order_by("pk").first()
    revoked, revoked_secret = create_token(user, name="吊销", scope="write")
    revoke_token(revoked, by=user)
    expired, expired_secret = create_token(user, name="过期", scope="write",
                                           expires_at=timezone.now() + timedelta(days=1))
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    for secret in (revoked_secret, expired_secret):
        auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
        assert client.get(f"/api/v1/{name}", **auth).status_code == 401
        assert client.get(f"/api/v1/{exposed.segment}/{obj.pk}", **auth).status_code == 401
        response = client.post(f"/api/v1/{exposed.segment}/{obj.pk}/{step.verb}", "{}",
                               content_type="application/json", **auth)
        assert response.status_code == 401
    _live, live_secret = create_token(user, name="有效", scope="write")
    assert client.get(f"/api/v1/{name}", HTTP_AUTHORIZATION=f"Bearer {live_secret}").status_code == 200


def test_the_rate_limit_counts_per_token(demo_world, tokens, client, settings):
    settings.XUNCHA_API_RATE = "3/min"
    name = next(iter(LISTS))
    first = tokens["office"][0]
    _other, second_secret = create_token(demo_world["office"], name="第二个", scope="read")
    cache.clear()
    try:
        codes = [client.get(f"/api/v1/{name}?limit=1", **first).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        # another token, of another user or of the same user, still passes
        assert client.get(f"/api/v1/{name}?limit=1", **tokens["liaison"][0]).status_code == 200
        assert client.get(f"/api/v1/{name}?limit=1", HTTP_AUTHORIZATION=f"Bearer {second_secret}").status_code == 200
        assert client.get(f"/api/v1/{name}?limit=1", **first).status_code == 429
    finally:
        cache.clear()


# --- reporters' identities never in a list ------------------------------------------------------


def _identity_strings() -> set[str]:
    """Every reporter's name and phone in the demo (opened here for the test only)."""
    from xuncha.petitions.identity import _open
    from xuncha.petitions.models import ReporterIdentity

    found = set()
    for sealed in ReporterIdentity.objects.all():
        identity = _open(sealed)
        found |= {v for v in (identity.name, identity.phone) if len(v) >= 2}
    return found


def _confidential_models() -> list[str]:
    """The models whose records carry reporters' identities (a disclosure rule with petitions)."""
    from xuncha.confidential.disclosure import rule_for

    return sorted(m._meta.label for m in apps.get_models() if rule_for(m).petitions is not None)


# lists of other records that show a confidential model's text in their columns: the ledger
# shows each measure's problems (a problem may come from a petition, through a finding)
SHOWN_IN = {"findings.Problem": {"measures"}}


def _lists_of(model_label: str, user) -> list:
    return [
        spec for spec in LISTS.values()
        if spec.base(user, Access.VIEW).model._meta.label == model_label or spec.name in SHOWN_IN.get(model_label, ())
    ]


# what a column of a list of reporters' records must never be called
IDENTITY_COLUMNS = {"reporter", "reporter_name", "name_of_reporter", "phone", "reporter_phone", "identity", "workplace",
                    "address"}


def _leaks(spec, users: dict, identities: set[str], *, client=None, tokens=None) -> list[tuple]:
    """Where a reporter's name or phone shows in the list's Excel export (and, given a client
    and tokens, in its API items), for each account."""
    from xuncha.lists.excel import list_workbook

    found = [(spec.name, "column", c.name) for c in spec.columns if c.name in IDENTITY_COLUMNS]
    for username, user in users.items():
        channels = {}
        if client is not None:
            _count, items = _list_items(client, spec.name, tokens[username][0])
            channels["API"] = json.dumps(items, ensure_ascii=False)
        rows = spec.exported(user, spec.rows(user, {}, Access.EXPORT))  # as the views do
        book = openpyxl.load_workbook(BytesIO(list_workbook(spec, rows, title=str(spec.label))))
        channels["Excel"] = " ".join(str(v) for row in book.active.iter_rows(values_only=True) for v in row if v)
        found += [(spec.name, username, channel, secret)
                  for channel, text in channels.items() for secret in identities if secret in text]
    return found


@pytest.mark.parametrize("model_label", _confidential_models())
def test_no_list_or_export_names_a_reporter(demo_world, tokens, client, model_label):
    specs = _lists_of(model_label, demo_world["office"])
    if not specs:
        pytest.skip(f"no list of {model_label} declared yet (the test covers it once one is)")
    identities = _identity_strings()
    assert identities, "the demo has reporters with names or phones"
    for spec in specs:
        assert _leaks(spec, demo_world, identities, client=client, tokens=tokens) == []
        listed = sum(spec.rows(user, {}).count() for user in demo_world.values())
        assert listed > 0, f"the demo has {model_label} rows that someone lists"


def test_the_identity_check_finds_a_leak(demo_world):
    """The check above can fail: a list of petitions whose column shows the reporter's name is
    caught in its export (and a column called `reporter_phone` by its name alone)."""
    from xuncha.lists.declarations import Column, ListSpec
    from xuncha.petitions.identity import _open
    from xuncha.petitions.models import ReporterIdentity
    from xuncha.petitions.queries import petitions_for_user

    identities = _identity_strings()
    assert "林某某" in identities and "13906001234" in identities  # the demo's named reporter
    names = {sealed.petition_id: _open(sealed).name for sealed in ReporterIdentity.objects.all()}
    clean = ListSpec("petitions_probe", "信访件", lambda user, action: petitions_for_user(user, action), (),
                     (Column("id", "编号", lambda p: p.pk), Column("code", "查询码", lambda p: p.tracking_code)))
    assert _leaks(clean, demo_world, identities) == []
    leaky = ListSpec("petitions_probe", "信访件", clean.base, (),
                     (*clean.columns, Column("from", "来信人", lambda p: names.get(p.pk, ""))))
    assert any(leak[2] == "Excel" and leak[3] in names.values() for leak in _leaks(leaky, demo_world, identities))
    named = ListSpec("petitions_probe", "信访件", clean.base, (), (*clean.columns, Column("reporter_phone", "电话",
                                                                                         lambda p: "")))
    assert ("petitions_probe", "column", "reporter_phone") in _leaks(named, demo_world, identities)
