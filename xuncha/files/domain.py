import hashlib

from django.db import transaction

from xuncha.files.checks import check_upload
from xuncha.files.models import StoredFile


def store_upload(upload, *, by) -> StoredFile:
    """Check and keep one uploaded file. Same content uploaded again is stored again as a new
    record (its own name and uploader) but shares the bytes on disk."""
    kind = check_upload(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    with transaction.atomic():
        stored = StoredFile(
            name=upload.name[:255],
            content_type=kind.content_type,
            size=upload.size,
            sha256=digest.hexdigest(),
            uploaded_by=by if getattr(by, "pk", None) else None,
        )
        existing = StoredFile.objects.filter(sha256=stored.sha256).first()
        if existing is not None:
            stored.file = existing.file.name
            stored.save()
        else:
            stored.file.save(stored.sha256, upload, save=True)
        return stored
