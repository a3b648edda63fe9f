"""The public side of a report: taking it (sealed identity, cleaned files, a tracking code and
passphrase), looking it up, adding to it. Runs on the public site under its restricted database
role: it inserts into the intake tables and reads only pages and receipts."""

import json
import secrets
from dataclasses import asdict

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from xuncha.confidential.vault import encrypt
from xuncha.petitions.identity import Identity
from xuncha.public import abuse
from xuncha.public.enums import TallyKind
from xuncha.public.models import Addendum, Attachment, PublicPage, Receipt, Submission

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed on a phone
CODE_LENGTH = 10  # 50 bits
PASSPHRASE_LENGTH = 12  # 60 bits, shown as three groups of four
MAX_CONTENT = 5000


def normalise_code(value: str) -> str:
    return "".join(c for c in (value or "").upper() if c in CODE_ALPHABET)


def passphrase_digest(code: str, passphrase: str) -> str:
    """Keyed hash of the passphrase. The passphrase is random (60 bits, made here, never chosen
    by a person), so a keyed SHA-256 is as strong as a slow password hash and costs nothing
    under load."""
    message = f"{code}:{normalise_code(passphrase)}"
    return salted_hmac("xuncha.public.passphrase", message, algorithm="sha256").hexdigest()


def _random(length: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def format_passphrase(passphrase: str) -> str:
    return "-".join(passphrase[i : i + 4] for i in range(0, len(passphrase), 4))


def _check_content(content: str) -> str:
    content = (content or "").strip()
    if not content:
        raise ValidationError({"content": _("Describe the problem you are reporting.")})
    if len(content) > MAX_CONTENT:
        raise ValidationError(
            {"content": _("Keep the report within %(limit)d characters.") % {"limit": MAX_CONTENT}}
        )
    return content


def submit_report(
    page: PublicPage, *, content: str, identity: Identity | None, real_name: bool = False, files=()
) -> tuple[Receipt, str]:
    """Keep a report and give back its receipt and the passphrase (shown once, never stored).
    `real_name` is the reporter's choice; an anonymous reporter may still leave a phone number
    for the office, which is sealed all the same."""
    content = _check_content(content)
    passphrase = _random(PASSPHRASE_LENGTH)
    with transaction.atomic():
        submission = Submission(page=page, content=content)
        submission.real_name = real_name
        if identity is not None and not identity.is_empty():
            submission.sealed_identity = encrypt(json.dumps(asdict(identity), ensure_ascii=False), aad=submission.aad)
        submission.save()
        _attach(files, submission=submission)
        for _attempt in range(5):
            code = _random(CODE_LENGTH)
            try:
                with transaction.atomic():  # a savepoint: a taken code is retried, not read first
                    receipt = Receipt.objects.create(
                        code=code, passphrase_digest=passphrase_digest(code, passphrase), submission=submission,
                        page=page,
                    )
                break
            except IntegrityError:
                continue
        else:  # pragma: no cover - 5 collisions in 2^50 codes
            raise IntegrityError("no free tracking code")
        abuse.count(TallyKind.REPORT, page_id=page.pk)
    return receipt, passphrase


def _attach(files, *, submission=None, addendum=None) -> None:
    """Kept under neutral names (附件1.jpg…): a file's own name may be the reporter's."""
    Attachment.objects.bulk_create(
        [
            Attachment(
                submission=submission,
                addendum=addendum,
                name=f"附件{number}.{f.name.rpartition('.')[2]}",  # stored data, in Chinese like the documents
                content_type=f.content_type,
                size=len(f.data),
                data=f.data,
            )
            for number, f in enumerate(files, start=1)
        ]
    )


def lookup(code: str, passphrase: str) -> Receipt | None:
    """The receipt whose code and passphrase both match, else None (which one was wrong is not said)."""
    code = normalise_code(code)
    receipt = Receipt.objects.filter(code=code).first() if code else None
    if receipt is None or not secrets.compare_digest(receipt.passphrase_digest, passphrase_digest(code, passphrase)):
        return None
    return receipt


def add_information(receipt: Receipt, *, content: str, files=()) -> Addendum:
    content = _check_content(content)
    with transaction.atomic():
        addendum = Addendum.objects.create(receipt=receipt, content=content)
        _attach(files, addendum=addendum)
        abuse.count(TallyKind.ADDENDUM, page_id=receipt.page_id)
    return addendum
