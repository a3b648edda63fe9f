"""Personal API tokens: create (the secret is returned once), revoke, and authenticate.

Tokens are compared by the SHA-256 of the whole secret in constant time; the prefix only
finds the row. Rate limits per token are the API's (`restapi.auth.TokenRateThrottle`)."""

import hashlib
import hmac
import secrets
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xuncha.accounts.models import ApiToken
from xuncha.audit.domain import record_event


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(user, *, name: str, scope: str = ApiToken.Scope.READ, expires_at: datetime | None = None):
    """Make a token for `user`; returns (token, secret). The secret is never stored."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Name the token (what it is for).")})
    if scope not in ApiToken.Scope.values:
        raise ValidationError({"scope": _("Unknown scope.")})
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("The expiry must lie in the future.")})
    prefix = secrets.token_hex(4)
    secret = f"xc_{prefix}.{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name, prefix=prefix, digest=_digest(secret), scope=scope, expires_at=expires_at
        )
        record_event("accounts.token.created", actor=user, obj=token, data={"scope": scope})
    return token, secret


def revoke_token(token: ApiToken, *, by) -> ApiToken:
    """The token's user revokes it (or the security administrator, who lists every token)."""
    from xuncha.accounts.rules import may_manage_tokens_of

    if not may_manage_tokens_of(by, token.user):
        raise PermissionDenied
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.save(update_fields=["revoked_at"])
            record_event("accounts.token.revoked", actor=by, obj=locked)
        return locked


def authenticate(secret: str) -> ApiToken | None:
    """The live token this secret belongs to, or None."""
    if not secret.startswith("xc_") or "." not in secret:
        return None
    prefix = secret[3:].split(".", 1)[0]
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.digest, _digest(secret)):
        return None
    now = timezone.now()
    if token.revoked_at is not None or (token.expires_at is not None and token.expires_at <= now):
        return None
    if not token.user.is_active:
        return None
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
