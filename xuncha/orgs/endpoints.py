"""Organisations through the API (see `xuncha.restapi.exposure`): the detail with the steps the
caller is offered on it. Its one step, a new account in the organisation, has an endpoint of its
own (`POST /accounts`, xuncha/accounts/endpoints.py): it takes a user name and a password."""

from ninja import Schema

from xuncha.accounts.actions import ORGANISATION
from xuncha.orgs.queries import organisations_for_user
from xuncha.restapi.exposure import Exposed, expose, fields_of, offered_names


class OrganisationOut(Schema):
    id: int
    name: str
    short_name: str
    code: str
    level: str
    kind: str
    parent_id: int | None
    actions: list[str]


def _out(request, organisation):
    return {**fields_of(organisation, OrganisationOut), "actions": offered_names(request, organisation, ORGANISATION)}


def _organisations(user):
    """Archived ones too, as the list shows them (a listed organisation opens)."""
    return organisations_for_user(user, include_archived=True)


expose(Exposed(ORGANISATION, "organisations", _organisations, OrganisationOut, _out,
               own_endpoints=frozenset({"create_user"})))
