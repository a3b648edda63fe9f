from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """Installed for its templates (the PDF-unavailable page) and the `documents` command."""

    name = "xuncha.documents"
    verbose_name = "Official documents"
