import re

import pytest
from django.contrib.staticfiles import finders

from tests.factories import user_with_role
from xuncha.accounts.enums import Role
from xuncha.web.middleware import CSP

pytestmark = pytest.mark.django_db


def test_api_docs_load_swagger_from_our_own_static_files(tree, client):
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    response = client.get("/api/docs")
    page = response.content.decode()
    assert response.status_code == 200 and "script-src 'self'" in CSP
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert any(s.endswith("swagger-ui-bundle.js") for s in sources)
    assert all(s.startswith("/static/") for s in sources), sources
    for source in sources:
        assert finders.find(source.removeprefix("/static/")), source
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", page)
    assert all('type="application/json"' in attrs for attrs in inline)  # data, not code
