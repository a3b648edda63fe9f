"""Start-up checks for the identity keys: missing or malformed keys fail every command;
a key that cannot decrypt its stored canary fails commands that touch the database
(`migrate`, `check --database default`, `xuncha serve`)."""

from django.conf import settings
from django.core.checks import Error, Tags, register

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
