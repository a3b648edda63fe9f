"""The PostgreSQL privileges of the application's role, for a deployment where the
application does not own its tables (docs/security.md).

Migrations run as the owner role, which owns every table; the application connects as a
restricted role that may read and write the business tables but only read and append to the
audit log: no UPDATE, DELETE or TRUNCATE on it, and, not being its owner, no ALTER TABLE and no
DISABLE TRIGGER. It may update the chain's head row, which it must lock (SELECT … FOR UPDATE
needs the UPDATE privilege); a forged head is caught by `xuncha audit verify` like a forged event.

`xuncha audit grants ROLE` prints these statements; run them as the owner after every
`xuncha migrate`: they cover new tables and take back again anything on the audit table that
default privileges (--owner) may have given a rebuilt one.
"""

from django.db import connection

AUDIT_TABLE = "audit_auditevent"
OBJECTS_TABLE = "audit_auditeventobject"  # the records a list's event names: append-only too
HEAD_TABLE = "audit_auditchainhead"


def app_role_grants(role: str, *, owner: str | None = None, schema: str = "public") -> list[str]:
    """SQL statements, to run as the owner, that give `role` what the application needs.
    With `owner`, also the default privileges on tables that owner creates later."""
    q = connection.ops.quote_name
    r, s = q(role), q(schema)
    statements = [
        f"GRANT USAGE ON SCHEMA {s} TO {r}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {r}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO {r}",
        f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {q(AUDIT_TABLE)} FROM {r}",
        f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {q(OBJECTS_TABLE)} FROM {r}",
        f"REVOKE DELETE, TRUNCATE, REFERENCES, TRIGGER ON {q(HEAD_TABLE)} FROM {r}",
    ]
    if owner:
        default = f"ALTER DEFAULT PRIVILEGES FOR ROLE {q(owner)} IN SCHEMA {s} GRANT"
        statements += [
            f"{default} SELECT, INSERT, UPDATE, DELETE ON TABLES TO {r}",
            f"{default} USAGE, SELECT ON SEQUENCES TO {r}",
        ]
    return statements
