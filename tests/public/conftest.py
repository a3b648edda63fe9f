import pytest


@pytest.fixture
def public_site(settings):
    """The public site as xuncha.settings_public configures it: its URL configuration, its
    middleware (no session, no login), its templates and its bounds."""
    import xuncha.settings_public as public

    for name in (
        "ROOT_URLCONF", "MIDDLEWARE", "TEMPLATES", "XUNCHA_PUBLIC_SITE", "XUNCHA_UPLOAD_MAX_MB",
        "XUNCHA_REQUEST_MAX_MB", "DATA_UPLOAD_MAX_MEMORY_SIZE", "SILENCED_SYSTEM_CHECKS",
    ):
        setattr(settings, name, getattr(public, name))
    return settings
