"""Start-up checks for the identity keys: missing or malformed keys fail every command;
a key that cannot decrypt its stored canary, or a key id the stored identities use that is
not configured, fails commands that touch the database (`migrate`, `check --database
default`, `xuncha serve`, `xuncha restore`)."""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.db import DatabaseError

from xuncha.confidential.vault import IdentityKeyError, parse_keys


@register(Tags.security)
def identity_keys_present(app_configs, **kwargs):
    try:
        parse_keys(settings.XUNCHA_IDENTITY_KEYS)
    except IdentityKeyError as error:
        return [Error(str(error), id="xuncha.E001", hint="See docs/confidentiality.md")]
    return []


@register(Tags.database)
def identity_keys_match_data(app_configs, databases=None, **kwargs):
    if not databases:
        return []
    from xuncha.confidential.canary import verify_canaries

    try:
        verify_canaries()
    except IdentityKeyError as error:
        return [Error(str(error), id="xuncha.E002", hint="See docs/confidentiality.md")]
    except Exception:  # tables not migrated yet: nothing to verify
        return []
    return []


@register(Tags.database, "xuncha")
def identity_keys_cover_data(app_configs, databases=None, **kwargs):
    """Every key id a stored identity was sealed with must be configured: without it the
    identity can be neither revealed nor redacted from copies that leave the platform.
    Runs before migrations too (`migrate`): a missing table means nothing is stored yet."""
    if not databases:
        return []
    from xuncha.confidential.usage import missing_key_ids, missing_keys_message

    errors = []
    for alias in databases:
        try:
            missing = missing_key_ids(alias)
        except IdentityKeyError:
            return []  # no usable key ring at all: xuncha.E001 says so
        except DatabaseError:  # tables not migrated yet: nothing stored
            continue
        if missing:
            errors.append(Error(missing_keys_message(missing), id="xuncha.E003", hint="See docs/confidentiality.md"))
    return errors
