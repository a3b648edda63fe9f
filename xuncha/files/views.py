"""Downloading a stored file: allowed only through a record the user may see that holds it."""

from django.http import Http404

from xuncha.accounts.permissions import restrict
from xuncha.files.models import StoredFile
from xuncha.web.downloads import file_download


def _holders():
    """(model, relation to StoredFile) of every record that can carry files. Each model's policy
    decides: progress evidence and regulations follow their measure's (whoever may see the
    measure, a reviewer before signing off included, may open its evidence)."""
    from xuncha.findings.models import Finding
    from xuncha.inspections.models import InformationRequest
    from xuncha.rectification.models import ProgressUpdate, Regulation
    from xuncha.reports.models import ReportUpload

    return [
        (InformationRequest, "files"),
        (Finding, "evidence"),
        (ProgressUpdate, "evidence"),
        (Regulation, "file"),
        (ReportUpload, "file"),
    ]


def download(request, pk: int):
    stored = StoredFile.objects.filter(pk=pk).first()
    if stored is None:
        raise Http404
    visible = any(
        restrict(model.objects.filter(**{relation: stored}), request.user).exists() for model, relation in _holders()
    )
    if not visible:
        raise Http404
    # its own name, as uploaded: files are held by findings, requests, measures and reports,
    # never by a clue or a petition (see `_holders`)
    extension = stored.name.rpartition(".")[2] if "." in stored.name else ""
    fallback = f"file-{stored.pk}.{extension}" if extension else f"file-{stored.pk}"
    return file_download(stored.file.open("rb"), stored.name, content_type=stored.content_type, fallback=fallback)
