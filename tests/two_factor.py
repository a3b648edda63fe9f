"""Second-factor helpers for tests.

`client.force_login` skips the login form, so it would also skip the second factor: the
autouse fixture in tests/conftest.py makes every force-logged-in session verified by giving the
user a confirmed test authenticator and storing it in the session, exactly as
`django_otp.login` does after a right code. Production code is not changed for it. A test that
needs a password-only session marks itself `@pytest.mark.password_only`.
"""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def verify_session(client, user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def code_for(device_or_secret, *, after_step: int | None = None) -> str:
    """The device's code now, or for the first step after `after_step` (a code is accepted
    once: a second login within 30 seconds takes the next step's code, within the tolerance)."""
    key = device_or_secret.bin_key if hasattr(device_or_secret, "bin_key") else bytes.fromhex(device_or_secret)
    totp = TOTP(key)
    if after_step is not None and totp.t() <= after_step:
        totp.drift = after_step + 1 - totp.t()
    return f"{totp.token():06d}"


def enrol(client) -> list[str]:
    """Set up two-factor login through the pages, as a person would; returns the recovery codes."""
    from xuncha.accounts.twofactor.views import PENDING_SECRET

    assert client.get("/me/two-factor/enrol/").status_code == 200
    secret = client.session[PENDING_SECRET]
    response = client.post("/me/two-factor/enrol/", {"code": code_for(secret)})
    assert response.status_code == 200, "the enrolment must succeed"
    return list(response.context["codes"])
