"""Input normalisation (xuncha.web.inputs and the form mixin): ids, names, codes, NUL."""

import pytest

from tests.factories import make_term, user_with_role
from xuncha.accounts.enums import Role
from xuncha.orgs.forms import OrganisationForm
from xuncha.web.inputs import clean_code, clean_name, clean_text, parse_id


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("12", 12), ("１２", 12), (" 7 ", 7), ("²", 2), ("12345678901234567890", None), ("-1", None), ("0", None)],
)
def test_parse_id_takes_nfkc_digits_in_bigint_range(raw, expected):
    assert parse_id(raw) == expected


def test_parse_id_refuses_what_is_not_a_whole_number():
    assert [parse_id(raw) for raw in ["1\x00", "1e3", "", None, "٣", "x"]] == [None, None, None, None, None, None]
    assert parse_id(str(2**63 - 1)) == 2**63 - 1 and parse_id(str(2**63)) is None


def test_names_lose_invisible_and_direction_characters():
    name = "\u202e区委\u200b办公室\u2066\u2069\ufeff\u200e\x07"
    assert clean_name(name) == "区委办公室"
    assert clean_name(" 思明区\n委员会\t") == "思明区 委员会"
    assert clean_text("第一行\r\n第二\u200d行") == "第一行\r\n第二行"
    assert clean_code("０５９２－１２３４５\u200b") == "0592-12345"


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["²", "１２", "12345678901234567890", "-1"])
@pytest.mark.parametrize(
    "url",
    [
        "/clues/?inspection={}",
        "/clues/new/?inspection={}",
        "/petitions/?inspection={}",
        "/ledger/?inspection={}",
        "/inspections/new/?term={}",
        "/supervision/interviews/new/?inspection={}",
    ],
)
def test_malformed_and_huge_ids_in_queries_never_crash(tree, client, url, bad):
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    assert client.get(url.format(bad)).status_code in (200, 404)


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["-1", "12345678901234567890"])
def test_huge_ids_in_posted_choices_are_a_form_error(tree, client, bad):
    term = make_term(tree.city)
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    response = client.post(
        f"/inspections/new/?term={term.pk}", {"title": "对思明区的巡察", "targets": [bad], "team_name": "一组"}
    )
    assert response.status_code == 200 and response.context["form"].errors["targets"]


@pytest.mark.django_db
def test_form_stores_names_without_invisible_characters_and_codes_in_ascii(tree):
    form = OrganisationForm(
        {"name": "\u202e湖里\u200b区委", "code": "ＨＬ０１", "level": "district", "kind": "party_committee"},
    )
    form.is_valid()
    assert form.cleaned_data["name"] == "湖里区委" and form.cleaned_data["code"] == "HL01"


@pytest.mark.django_db
def test_nul_in_a_name_is_refused_with_a_clear_message(tree):
    form = OrganisationForm({"name": "湖里\x00区委", "code": "HL01", "level": "district", "kind": "party_committee"})
    assert not form.is_valid()
    assert "空字符" in str(form.errors["name"]) and "不允许是用" not in str(form.errors["name"])


def test_ledger_cells_lose_invisible_characters_as_forms_do():
    from xuncha.ledger.cells import cell_text

    assert cell_text("\u202e区委办\u200b\n第二行\ufeff") == "区委办\n第二行"


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_nul_anywhere_in_a_request_is_refused_with_a_clear_message(tree, client, method):
    term = make_term(tree.city)
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    url = f"/inspections/new/?term={term.pk}" + ("&q=a%00" if method == "get" else "")
    response = getattr(client, method)(url, {"title": "巡察\x00", "team_name": "一组"} if method == "post" else None)
    assert response.status_code == 400 and "空字符" in response.content.decode()
