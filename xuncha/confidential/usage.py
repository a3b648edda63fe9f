"""Which identity keys the stored data needs.

Every reporter identity records the id of the key that sealed it (`ReporterIdentity.key_id`,
indexed). The ids in use are read by skipping through that index one distinct id at a time
(a recursive "loose index scan", the same SQL on SQLite and PostgreSQL), so the cost grows
with the number of key ids (a handful), not with the number of identities: the start-up
check and the backup manifest can afford it at any size.
"""

from django.db import connections

from xuncha.confidential.vault import IdentityKeyError, key_ring

_DISTINCT_KEY_IDS = """
WITH RECURSIVE used(key_id) AS (
    SELECT MIN(key_id) FROM {table}
    UNION ALL
    SELECT (SELECT MIN(key_id) FROM {table} WHERE key_id > used.key_id) FROM used WHERE used.key_id IS NOT NULL
)
SELECT key_id FROM used WHERE key_id IS NOT NULL
"""


def key_ids_in_use(using: str = "default") -> list[str]:
    """The ids of every key that sealed a stored identity, sorted."""
    from xuncha.petitions.models import ReporterIdentity

    connection = connections[using]
    table = connection.ops.quote_name(ReporterIdentity._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(_DISTINCT_KEY_IDS.format(table=table))
        return [row[0] for row in cursor.fetchall()]


def missing_key_ids(using: str = "default") -> list[str]:
    """Key ids the stored data uses that XUNCHA_IDENTITY_KEYS does not list."""
    configured = key_ring().keys
    return [key_id for key_id in key_ids_in_use(using) if key_id not in configured]


def verify_keys_in_use(using: str = "default") -> None:
    """Raise if some stored identity was sealed with a key that is not configured."""
    if missing := missing_key_ids(using):
        raise IdentityKeyError(missing_keys_message(missing))


def missing_keys_message(missing: list[str]) -> str:
    return (
        f"reporter identities are sealed with key(s) {', '.join(missing)}, which XUNCHA_IDENTITY_KEYS "
        "does not list: they cannot be revealed or redacted. Add the key(s) back from the key escrow."
    )
