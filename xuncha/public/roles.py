"""The PostgreSQL role of the public site (码上巡), derived from grants.py.

The public host is the one part of the platform on the internet, so its database role is the
last wall between a compromised public host and the confidential tables: it may read what the
office published (PUBLIC_READS) and insert into the intake tables (PUBLIC_INSERTS), and nothing
else: no UPDATE, no DELETE, not one column of a petition, a clue, a reporter's identity or an
account. Django inserts with ``INSERT … RETURNING id``, which needs SELECT on the key column
only, so an intake table that is not also published gets that one column and no more.

`xuncha public grants` prints these statements (or runs them, --apply); run them as a superuser
(the role is created) or as the tables' owner with CREATEROLE after every `xuncha migrate`, like
`xuncha audit grants`. They are idempotent: everything the role held on the schema's tables and
sequences is revoked first, so a table dropped from grants.py loses its grant on the next run.
"""

from django.apps import apps
from django.db import connection
from django.db.models import Model

from xuncha.public.grants import PUBLIC_INSERTS, PUBLIC_READS

DEFAULT_ROLE = "xuncha_public"


def models_of(labels: list[str]) -> list[type[Model]]:
    return [apps.get_model(label) for label in labels]


def read_tables() -> list[str]:
    return sorted({model._meta.db_table for model in models_of(PUBLIC_READS)})


def insert_tables() -> list[str]:
    return sorted({model._meta.db_table for model in models_of(PUBLIC_INSERTS)})


def public_tables() -> set[str]:
    """Every table the public role may touch at all (read or insert)."""
    return set(read_tables()) | set(insert_tables())


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def public_role_grants(role: str = DEFAULT_ROLE, *, schema: str = "public") -> list[str]:
    """SQL statements, to run as a superuser, that create or update the LOGIN role `role` with
    exactly the public site's privileges. The role's password is not set here (it would land in
    shell histories and logs): set it once with psql's ``\\password`` (docs/public-site.md)."""
    q = connection.ops.quote_name
    r, s = q(role), q(schema)
    statements = [
        # create the role if it is missing, then state all its attributes, so that a role created
        # by hand with more (SUPERUSER, CREATEDB, BYPASSRLS…) is brought back to this
        "DO $$ BEGIN "
        f"IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = {_literal(role)}) "
        f"THEN CREATE ROLE {r} LOGIN; END IF; END $$",
        f"ALTER ROLE {r} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS",
        # and out of every role it was made a member of (it would inherit their privileges)
        "DO $$ DECLARE parent text; BEGIN FOR parent IN SELECT roleid::regrole::text "
        f"FROM pg_catalog.pg_auth_members WHERE member = {_literal(r)}::regrole "
        f"LOOP EXECUTE 'REVOKE ' || parent || ' FROM ' || {_literal(r)}; END LOOP; END $$",
        # everything it held on this schema (table-level REVOKE also takes back column grants)
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {r}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {s} FROM {r}",
        f"REVOKE CREATE ON SCHEMA {s} FROM {r}",
        f"GRANT USAGE ON SCHEMA {s} TO {r}",
    ]
    reads = read_tables()
    for table in reads:
        statements.append(f"GRANT SELECT ON {s}.{q(table)} TO {r}")
    for model in sorted(models_of(PUBLIC_INSERTS), key=lambda m: m._meta.db_table):
        table, key = model._meta.db_table, model._meta.pk.column
        statements.append(f"GRANT INSERT ON {s}.{q(table)} TO {r}")
        if table not in reads:
            statements.append(f"GRANT SELECT ({q(key)}) ON {s}.{q(table)} TO {r}")
        # an identity column (Django's AutoField since 4.1) draws its values without any
        # privilege on its sequence; a serial column (tables created before) needs USAGE
        qualified = _literal(f"{s}.{q(table)}")
        statements.append(
            "DO $$ DECLARE seq text := pg_catalog.pg_get_serial_sequence("
            f"{qualified}, {_literal(key)}); BEGIN "
            "IF seq IS NOT NULL AND NOT EXISTS (SELECT FROM pg_catalog.pg_attribute "
            f"WHERE attrelid = {qualified}::regclass AND attname = {_literal(key)} AND attidentity <> '') "
            f"THEN EXECUTE 'GRANT USAGE ON SEQUENCE ' || seq || ' TO ' || {_literal(r)}; END IF; END $$"
        )
    return statements
