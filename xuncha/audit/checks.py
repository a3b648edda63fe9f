"""Start-up checks for the audit chain: the key must be set and well formed (production has
no fallback, docs/security.md) and the linked OpenSSL must offer SM3."""

from django.conf import settings
from django.core.checks import Error, Tags, register

from xuncha.audit.chain import AuditKeyError, parse_key, sm3_available


@register(Tags.security)
def audit_key_present(app_configs, **kwargs):
    errors = []
    try:
        parse_key(settings.XUNCHA_AUDIT_KEY)
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
