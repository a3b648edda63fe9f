"""The event registry: every code the source writes is declared, an undeclared one is refused,
and people read labels, never codes."""

import ast
import io
import re
from pathlib import Path

import openpyxl
import pytest
from django.utils import translation

import xuncha
from tests.factories import user_with_role
from xuncha.accounts.enums import Role
from xuncha.audit import events
from xuncha.audit.domain import record_event, record_events
from xuncha.audit.models import AuditEvent

SOURCE = Path(xuncha.__file__).parent
WRITERS = {"record_event", "record_events"}
# Functions that build a code from a parameter: the template and the parameter's position.
# Their call sites must pass a literal, and each expansion must be declared.
DYNAMIC = {"log_clue_reads": ("clues.clue.{}", 2), "log_talk_reads": ("talks.talk.{}", 2)}
CJK = re.compile(r"[\u4e00-\u9fff]")


def _name(call: ast.Call) -> str | None:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _literals(node: ast.expr) -> list[str] | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _literals(node.body), _literals(node.orelse)
        return body + orelse if body is not None and orelse is not None else None
    return None


def recorded_codes() -> dict[str, str]:
    """Every code passed to record_event(s) anywhere under xuncha/, with where it is written."""
    codes: dict[str, str] = {}
    unresolved: list[str] = []
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            where = f"{path.relative_to(SOURCE.parent)}:{node.lineno}"
            name = _name(node)
            if name in DYNAMIC:
                template, position = DYNAMIC[name]
                argument = node.args[position] if len(node.args) > position else None
                values = _literals(argument) if argument is not None else None
                if values is None:
                    unresolved.append(where)
                for value in values or []:
                    codes[template.format(value)] = where
            if name not in WRITERS or (path.name == "domain.py" and path.parent.name == "audit"):
                continue
            values = _literals(node.args[0])
            if values is not None:
                codes.update(dict.fromkeys(values, where))
                continue
            function = node
            while function in parents and not isinstance(function, ast.FunctionDef):
                function = parents[function]
            if not (isinstance(function, ast.FunctionDef) and function.name in DYNAMIC):
                unresolved.append(where)
    assert unresolved == [], f"codes the scan cannot read (use a literal, or add the function to DYNAMIC): {unresolved}"
    return codes


def test_every_recorded_code_is_declared():
    codes = recorded_codes()
    assert len(codes) > 90  # the scan reads the source: a positive control
    assert {"clues.clue.listed", "accounts.user.deactivated", "rectification.measure.signed_off"} <= set(codes)
    undeclared = {code: where for code, where in codes.items() if events.get(code) is None}
    assert undeclared == {}, "declare these in xuncha/audit/catalogue.py"


def test_change_of_commitment_events_are_declared():
    labels = {code: str(events.get(code).label) for code in events.registered() if ".change_" in code}
    assert labels == {
        "rectification.measure.change_requested": "申请变更整改承诺",
        "rectification.measure.change_approved": "批准变更整改承诺",
        "rectification.measure.change_refused": "不予变更整改承诺",
    }


def test_every_declaration_has_a_chinese_label_and_names_real_records():
    from django.apps import apps

    with translation.override("zh-hans"):
        missing = [code for code, kind in events.registered().items() if not CJK.search(str(kind.label))]
    assert missing == []
    with translation.override("en"):
        assert str(events.get("rectification.measure.signed_off").label) == "Measure signed off"
    for kind in events.registered().values():
        for label in kind.objects:
            apps.get_model(label)  # raises LookupError for a misspelt model
    assert events.get("petitions.identity.revealed").confidential
    assert not events.get("orgs.organisation.moved").confidential


@pytest.mark.django_db
def test_undeclared_code_is_refused_and_nothing_is_written(tree):
    before = AuditEvent.objects.count()
    with pytest.raises(events.UnknownEventError, match=r"orgs\.organisation\.vanished"):
        record_event("orgs.organisation.vanished", obj=tree.street)
    with pytest.raises(events.UnknownEventError):
        record_events("clues.clue.glanced_at", actor=None, objs=[tree.street])
    assert AuditEvent.objects.count() == before
    record_event("orgs.organisation.moved", obj=tree.street)  # positive control
    assert AuditEvent.objects.count() == before + 1


@pytest.mark.django_db
def test_event_about_a_record_its_declaration_does_not_name_is_refused(tree):
    with pytest.raises(events.UnknownEventError, match=r"does not name a people\.person"):
        record_event("orgs.organisation.moved", obj=tree.people["street"])
    assert not AuditEvent.objects.filter(action="orgs.organisation.moved").exists()


def test_declaring_a_code_twice_is_refused():
    with pytest.raises(ValueError, match="declared twice"):
        events.declare("orgs.organisation.moved", "again")


def visible_text(html: str) -> str:
    """What a person reads on the page: text nodes, not tags or attribute values (an option's
    value or a filter link may carry a code; its text may not)."""
    from html.parser import HTMLParser

    parts: list[str] = []
    parser = HTMLParser()
    parser.handle_data = parts.append
    parser.feed(html)
    return " ".join(parts)


@pytest.mark.django_db
def test_audit_log_page_and_export_show_labels_not_codes(tree, client):
    record_event("orgs.organisation.moved", obj=tree.street, data={"from": "/1/", "to": "/1/2/"})
    record_event("accounts.login.failed", data={"username": "nobody"})
    client.force_login(user_with_role(Role.AUDITOR, tree.city))
    page = client.get("/audit/").content.decode()
    table = visible_text(page[page.index('data-testid="event-list"') :])
    assert "调整组织隶属关系" in table and "登录失败" in table
    assert "orgs.organisation" not in table and "accounts.login" not in table
    # the filter offers event types by label (the code is only the option's value)
    assert '<option value="orgs.organisation.moved">调整组织隶属关系</option>' in page

    response = client.get("/audit/export.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    assert "调整组织隶属关系" in cells and "登录失败" in cells
    assert str(tree.street._meta.verbose_name) in cells  # the kind of record, not "orgs.organisation"
    assert not [cell for cell in cells if "orgs.organisation" in cell or "accounts.login" in cell]


@pytest.mark.django_db
def test_no_event_code_reaches_the_page_or_the_export_for_any_declared_type(tree, client, settings):
    """One event of every declared type (and one of every type the source writes): each is
    shown by its Chinese label, in the table, the event type select and the export; no code is
    read anywhere on the page."""
    from xuncha.audit import chain

    settings.XUNCHA_PAGE_SIZE = 1000
    codes = sorted(set(events.registered()) | set(recorded_codes()))
    chain.append([AuditEvent(action=code, org_path=tree.street.path) for code in codes])
    client.force_login(user_with_role(Role.AUDITOR, tree.city))
    with translation.override("zh-hans"):
        labels = {code: str(events.get(code).label) for code in codes}
    page = client.get("/audit/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    shown = visible_text(page)
    table = visible_text(page[page.index('data-testid="event-list"') :])
    assert len(codes) > 100 and all(CJK.search(label) for label in labels.values())
    assert [code for code, label in labels.items() if label not in table] == []
    assert [code for code in codes if code in shown] == []
    assert "未登记的事件" not in shown  # every type the source writes is declared
    for code, label in labels.items():  # the select names each type by its label
        assert f'<option value="{code}">{label}</option>' in page

    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/audit/export.xlsx").content)).active
    cells = [str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    assert set(labels.values()) <= set(cells)
    assert [cell for cell in cells if any(code in cell for code in codes)] == []


@pytest.mark.django_db
def test_audit_log_search_finds_events_by_their_label(tree, client):
    record_event("orgs.organisation.moved", obj=tree.street)
    record_event("orgs.organisation.archived", obj=tree.community, data={"reason": "撤并"})
    client.force_login(user_with_role(Role.AUDITOR, tree.city))
    page = client.get("/audit/", {"q": "隶属"}).content.decode()
    assert str(tree.street) in page and str(tree.community) not in page
    page = client.get("/audit/", {"action": "orgs.organisation.archived"}).content.decode()
    assert str(tree.community) in page and str(tree.street) not in page


def test_undeclared_code_read_back_is_shown_as_such():
    assert events.label_for("orgs.organisation.teleported") == "未登记的事件（orgs.organisation.teleported）"


def test_every_event_type_is_declared_when_django_has_started():
    """The catalogue is loaded by the app, before the first request: a fresh gunicorn worker's
    two threads once met it half-loaded, and a login was refused as an undeclared event."""
    import os
    import subprocess
    import sys

    probe = (
        "import django; django.setup();"
        "from xuncha.audit import events;"
        "print(len(events._registry), 'accounts.login.succeeded' in events._registry, events._loaded)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "xuncha.settings", "XUNCHA_ENV": "test"}
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True).stdout
    count, login, loaded = out.split()
    assert int(count) > 200 and login == "True" and loaded == "True"
