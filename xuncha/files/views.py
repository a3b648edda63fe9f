"""Downloading a stored file: allowed only through a record the user may see that holds it."""

from django.http import Http404

from xuncha.accounts.permissions import restrict
from xuncha.files.models import StoredFile
from xuncha.web.downloads import file_download


def _holders():
    """(model, relation to StoredFile) of every record that can carry files. Each model's policy
    decides: progress evidence and regulations follow their measure's (whoever may see the
    measure, a reviewer before signing off included, may open its evidence)."""
    from xuncha.appraisal.models import AppraisalScore
    from xuncha.findings.models import Finding
    from xuncha.inspections.models import InformationRequest
    from xuncha.petitions.models import Petition
    from xuncha.rectification.models import ProgressUpdate, Regulation
    from xuncha.reports.models import ReportUpload

    return [
        (InformationRequest, "files"),
        (Finding, "evidence"),
        (ProgressUpdate, "evidence"),
        (Regulation, "file"),
        (ReportUpload, "file"),
        (AppraisalScore, "evidence"),  # follows its appraisal's readers
        # photos and files the public sent with a report (码上巡), or added later
        (Petition, "public_submission__attachments__stored"),
        (Petition, "public_submission__receipt__addenda__attachments__stored"),
    ]


def _log_petition_reads(user, stored) -> None:
    """A photo or file a reporter sent is part of a confidential petition: opening it is logged
    as a read of that petition, like opening the petition's page."""
    from django.db.models import Q

    from xuncha.audit.domain import record_events
    from xuncha.petitions.models import Petition

    holders = restrict(
        Petition.objects.filter(
            Q(public_submission__attachments__stored=stored)
            | Q(public_submission__receipt__addenda__attachments__stored=stored)
        ).distinct(),
        user,
    )
    record_events("petitions.petition.viewed", actor=user, objs=holders)


def download(request, pk: int):
    stored = StoredFile.objects.filter(pk=pk).first()
    if stored is None:
        raise Http404
    visible = any(
        restrict(model.objects.filter(**{relation: stored}), request.user).exists() for model, relation in _holders()
    )
    if not visible:
        raise Http404
    _log_petition_reads(request.user, stored)
    # its own name, as uploaded: files are held by findings, requests, measures and reports,
    # and by petitions from the public site (named by the platform: the reporter's file name
    # is replaced by "照片" or kept as typed; see xuncha/public/uploads.py), never by a clue
    extension = stored.name.rpartition(".")[2] if "." in stored.name else ""
    fallback = f"file-{stored.pk}.{extension}" if extension else f"file-{stored.pk}"
    return file_download(stored.file.open("rb"), stored.name, content_type=stored.content_type, fallback=fallback)
