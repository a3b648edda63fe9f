"""The HTTP API (django-ninja, OpenAPI at /api/docs). Session authentication; every endpoint
reads through the permission module exactly as the pages do."""

from ninja import NinjaAPI, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import django_auth

from xuncha.accounts.permissions import get_for_user_or_404
from xuncha.orgs.queries import organisations_for_user
from xuncha.people.queries import people_for_user

api = NinjaAPI(title="Xuncha API", version="1", auth=django_auth, urls_namespace="api")


class OrganisationOut(Schema):
    id: int
    name: str
    short_name: str
    code: str
    level: str
    kind: str
    parent_id: int | None


class PersonOut(Schema):
    id: int
    name: str
    organisation_id: int
    position: str
    rank: str


@api.get("/orgs", response=list[OrganisationOut])
@paginate(LimitOffsetPagination)
def list_organisations(request):
    return organisations_for_user(request.user).order_by("path")


@api.get("/orgs/{org_id}", response=OrganisationOut)
def get_organisation(request, org_id: int):
    return get_for_user_or_404(organisations_for_user(request.user, include_archived=True), request.user, pk=org_id)


@api.get("/people", response=list[PersonOut])
@paginate(LimitOffsetPagination)
def list_people(request):
    return people_for_user(request.user).order_by("organisation__path", "name", "pk")


@api.get("/people/{person_id}", response=PersonOut)
def get_person(request, person_id: int):
    return get_for_user_or_404(people_for_user(request.user, include_archived=True), request.user, pk=person_id)
