"""The production static-files manifest for the HTTP benchmark's quick collectstatic."""

from django.contrib.staticfiles.storage import ManifestStaticFilesStorage

from xuncha.web.storage import TolerantManifestMixin


class UncompressedStaticStorage(TolerantManifestMixin, ManifestStaticFilesStorage):
    """The production manifest (xuncha.web.storage.StaticStorage) without the gzip copies."""
