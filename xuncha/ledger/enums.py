from django.db import models
from django.utils.translation import gettext_lazy as _


class JobKind(models.TextChoices):
    EXPORT_INSPECTION = "export_inspection", _("Ledger export of an inspection")
    EXPORT_TERM = "export_term", _("Ledger export of a term")
    IMPORT = "import", _("Ledger import")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")

    @classmethod
    def finished_states(cls) -> set[str]:
        return {cls.DONE, cls.FAILED, cls.CANCELLED}
