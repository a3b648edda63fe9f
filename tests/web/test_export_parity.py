"""Every export answers 404 to whoever gets 404 on its page: an export is never a way around
the page's gate, not even an empty workbook."""

import pytest

from tests.factories import dated_inspection, user_with_role
from xuncha.accounts.enums import Role

pytestmark = pytest.mark.django_db


def test_each_export_is_404_for_a_role_that_cannot_see_its_page(tree, client):
    inspection = dated_inspection(tree)
    term = inspection.term
    pairs = [
        ("/accounts/grants/", "/accounts/grants/export.xlsx"),
        ("/audit/", "/audit/export.xlsx"),
        ("/clues/", "/clues/export.xlsx"),
        ("/inspections/", "/inspections/export.xlsx"),
        ("/orgs/", "/orgs/export.xlsx"),
        ("/people/", "/people/export.xlsx"),
        ("/petitions/", "/petitions/export.xlsx"),
        (f"/plans/{term.pk}/coverage/", f"/plans/{term.pk}/coverage.xlsx"),
        (f"/ledger/?inspection={inspection.pk}", f"/ledger/inspection/{inspection.pk}/export.xlsx"),
        (f"/ledger/?term={term.pk}", f"/ledger/term/{term.pk}/export.xlsx"),
    ]
    mismatches, checked_some_404_pages = [], False
    for role in Role:
        client.force_login(user_with_role(role, tree.district))
        for page, export in pairs:
            shown, exported = client.get(page).status_code, client.get(export).status_code
            checked_some_404_pages |= shown == 404
            if shown == 404 and exported != 404:
                mismatches.append((role.value, page, shown, exported))
    assert mismatches == []
    assert checked_some_404_pages
