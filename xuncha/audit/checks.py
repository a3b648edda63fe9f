"""Start-up checks for the audit chain: the key must be set and well formed (production has
no fallback, docs/security.md) and the linked OpenSSL must offer SM3."""

from django.core.checks import Error, Tags, register

from xuncha.audit.chain import AuditKeyError, key_ring, sm3_available


@register(Tags.security)
def audit_key_present(app_configs, **kwargs):
    errors = []
    try:
        key_ring()
    except AuditKeyError as error:
        errors.append(Error(str(error), id="xuncha.E003", hint="See docs/security.md"))
    if not sm3_available():
        errors.append(
            Error(
                "The OpenSSL linked by `cryptography` has no SM3: the audit log cannot be chained",
                id="xuncha.E004",
                hint="Install a cryptography wheel built with OpenSSL 1.1.1 or later (SM3 is in its default provider).",
            )
        )
    return errors


@register(Tags.database, "xuncha")
def audit_keys_cover_events(app_configs, databases=None, **kwargs):
    """Every audit key id the stored events were chained with must be configured (the current
    key or a retired one in XUNCHA_AUDIT_OLD_KEYS): otherwise the log can no longer be verified."""
    if not databases:
        return []
    from django.db import DatabaseError

    from xuncha.audit.chain import missing_key_ids, missing_key_message

    errors = []
    for alias in databases:
        try:
            missing = missing_key_ids(alias)
        except AuditKeyError:
            return []  # no usable key at all: xuncha.E003 says so
        except DatabaseError:  # tables not migrated yet: nothing stored
            continue
        errors += [Error(missing_key_message(k), id="xuncha.E005", hint="See docs/security.md") for k in missing]
    return errors
