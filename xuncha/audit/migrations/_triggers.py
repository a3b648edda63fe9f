"""The append-only trigger of migration 0002: lifted for a migration that must rewrite rows, and
put back on SQLite after a migration that rebuilt the table (SQLite's ALTER drops triggers)."""

SQLITE_TRIGGER = """
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit_auditevent
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""


def lift(schema_editor, vendor: str) -> None:
    if vendor == "postgresql":
        schema_editor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_no_update")
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_no_update")


def restore(schema_editor, vendor: str) -> None:
    if vendor == "postgresql":
        schema_editor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_no_update")
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_TRIGGER)
