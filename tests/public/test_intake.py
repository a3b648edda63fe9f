"""A report from the public, end to end through the pages: sent anonymously or by name with a
photo, taken into the petition intake, looked up with its tracking code, answered, added to."""

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Sum
from django.test import override_settings

from tests.public.helpers import closed_page, open_page, photo_bytes, solved
from xuncha.confidential import vault
from xuncha.petitions.domain import conclude_petition, refuse_petition
from xuncha.petitions.enums import Channel, PetitionStatus
from xuncha.petitions.models import Petition, ReporterIdentity
from xuncha.public import abuse
from xuncha.public.enums import ReceiptStatus, RefusalReason, TallyKind
from xuncha.public.models import Addendum, Attachment, Receipt, Submission, Tally
from xuncha.public.takein import take_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_limits():
    from xuncha.public import counters

    counters.clear()
    abuse.flush()
    yield
    counters.clear()


def send(client, page, **fields):
    url = f"/m/{page.token}/report/"
    data = {"content": "社区书记违规发放补贴给亲属。", "mode": "anonymous", **solved(client, url), **fields}
    return client.post(url, data)


def receipt_of(response) -> tuple[str, str]:
    html = response.content.decode()
    code = re.search(r'id="tracking-code">([^<]+)<', html).group(1)
    passphrase = re.search(r'id="passphrase">([^<]+)<', html).group(1)
    return code, passphrase


def test_an_anonymous_report_with_a_photo_reaches_triage_and_its_reply_the_reporter(client, tree):
    page = open_page(tree)
    photo = SimpleUploadedFile("IMG_0001.jpg", photo_bytes(), content_type="image/jpeg")
    response = send(client, page, files=[photo])
    assert response.status_code == 201, response.content.decode()[:2000]
    code, passphrase = receipt_of(response)
    assert len(code) == 10 and len(passphrase) == 14  # XXXX-XXXX-XXXX

    report = Submission.objects.get()
    assert report.sealed_identity == "" and not report.real_name
    attachment = Attachment.objects.get(submission=report)
    assert attachment.content_type == "image/jpeg" and attachment.name == "附件1.jpg"
    assert b"SERIAL-12345" not in bytes(attachment.data) and b"Exif" not in bytes(attachment.data)

    assert take_in() == 1
    petition = Petition.objects.get()
    assert petition.channel == Channel.QR and petition.status == PetitionStatus.RECEIVED
    assert petition.tracking_code == code and petition.inspection == page.inspection
    assert not ReporterIdentity.objects.filter(petition=petition).exists()
    attachment.refresh_from_db()
    assert attachment.stored is not None and bytes(attachment.data) == b""
    assert take_in() == 0  # once

    looked = client.post("/m/track/", {"code": code.lower(), "passphrase": passphrase})
    assert looked.status_code == 200
    assert str(ReceiptStatus.RECEIVED.label) in looked.content.decode()

    refuse_petition(petition, by=None, reason="属于信访部门职责，已转交。")
    looked = client.post("/m/track/", {"code": code, "passphrase": passphrase})
    assert str(ReceiptStatus.NOT_ACCEPTED.label) in looked.content.decode()
    conclude_petition(petition, by=None, reply="经核查，已责令退回违规发放的补贴。", on=date.today())
    looked = client.post("/m/track/", {"code": code, "passphrase": passphrase.replace("-", "")})
    html = looked.content.decode()
    assert "经核查，已责令退回违规发放的补贴。" in html and str(ReceiptStatus.CONCLUDED.label) in html


def test_a_real_name_is_sealed_on_the_public_side_and_moves_to_the_petitions_vault(client, tree):
    page = open_page(tree)
    response = send(client, page, mode="real_name", name="王小明", phone="13800001111", workplace="某公司")
    assert response.status_code == 201
    report = Submission.objects.get()
    assert report.real_name and report.sealed_identity.startswith("sm4gcm:")
    assert "王小明" not in report.sealed_identity and "王小明" not in report.content
    with pytest.raises(vault.IdentityKeyError):  # bound to this report
        vault.decrypt(report.sealed_identity, aad="public:00000000-0000-0000-0000-000000000000")
    take_in()
    report.refresh_from_db()
    assert report.sealed_identity == ""  # kept only in the petition's vault now
    sealed = ReporterIdentity.objects.get(petition=report.petition)
    assert "王小明" in vault.decrypt(sealed.token, aad=f"petition:{report.petition_id}")


def test_real_name_without_a_name_is_refused_and_nothing_is_kept(client, tree):
    page = open_page(tree)
    response = send(client, page, mode="real_name", name="", phone="")
    assert response.status_code == 400
    assert "请填写姓名" in response.content.decode() or "name" in response.content.decode()
    assert not Submission.objects.exists() and not Receipt.objects.exists()
    assert Tally.objects.get(kind=TallyKind.REFUSED).reason == RefusalReason.INVALID


def test_a_wrong_captcha_a_replayed_captcha_and_a_filled_honeypot_are_refused_and_counted(client, tree):
    page = open_page(tree)
    url = f"/m/{page.token}/report/"
    good = solved(client, url)
    bad = client.post(url, {"content": "内容", "mode": "anonymous", "challenge": good["challenge"], "captcha": "0000"})
    assert bad.status_code == 400 and "验证码" in bad.content.decode()
    assert send(client, page).status_code == 201
    replay = {"content": "内容", "mode": "anonymous", **good}
    client.post(url, replay)  # first use of this challenge: accepted
    assert client.post(url, replay).status_code == 400  # the same challenge again
    robot = send(client, page, website="http://spam.example")
    assert robot.status_code == 400
    assert Submission.objects.count() == 2
    refused = Tally.objects.filter(kind=TallyKind.REFUSED).values("reason").annotate(n=Sum("count"))
    reasons = dict(refused.values_list("reason", "n"))
    assert reasons == {RefusalReason.CAPTCHA: 2, RefusalReason.HONEYPOT: 1}
    assert Tally.objects.filter(kind=TallyKind.REPORT).count() == 2


@override_settings(XUNCHA_PUBLIC_REPORTS_PER_HOUR=2)
def test_an_address_sending_too_many_reports_is_refused_with_429(client, tree):
    page = open_page(tree)
    assert send(client, page).status_code == 201
    assert send(client, page).status_code == 201
    assert send(client, page).status_code == 429
    assert Submission.objects.count() == 2
    assert Tally.objects.get(kind=TallyKind.REFUSED).reason == RefusalReason.RATE_LIMIT


@override_settings(XUNCHA_PUBLIC_RATE=5)
def test_every_public_page_is_limited_per_address(client, tree):
    page = open_page(tree)
    codes = [client.get(f"/m/{page.token}/").status_code for _ in range(7)]
    assert codes == [200] * 5 + [429] * 2
    other = client.get(f"/m/{page.token}/", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_a_closed_inspection_says_so_and_takes_nothing(client, tree):
    page = closed_page(tree)
    html = client.get(f"/m/{page.token}/").content.decode()
    assert "已结束" in html or "不再受理" in html
    response = client.post(f"/m/{page.token}/report/", {"content": "内容", "mode": "anonymous"})
    assert response.status_code == 410
    assert not Submission.objects.exists()


def test_an_unknown_code_is_a_404(client, tree):
    open_page(tree)
    assert client.get("/m/not-a-code/").status_code == 404


def test_a_file_that_is_not_what_it_says_is_refused(client, tree):
    page = open_page(tree)
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not a picture at all", content_type="image/jpeg")
    response = send(client, page, files=[fake])
    assert response.status_code == 400
    assert not Submission.objects.exists()
    assert Tally.objects.get(kind=TallyKind.REFUSED).reason == RefusalReason.BAD_FILE


def test_a_decompression_bomb_is_refused_from_its_header(client, tree, settings):
    settings.XUNCHA_PUBLIC_IMAGE_MAX_PIXELS = 1_000_000
    page = open_page(tree)
    big = SimpleUploadedFile("big.jpg", photo_bytes(size=(1200, 1000), exif=False), content_type="image/jpeg")
    response = send(client, page, files=[big])
    assert response.status_code == 400 and "1200 × 1000" in response.content.decode()
    assert not Submission.objects.exists()


def add(client, code, passphrase, content, **extra):
    """Look the report up, then add to it from the page that shows (with its CAPTCHA)."""
    html = client.post("/m/track/", {"code": code, "passphrase": passphrase}).content.decode()
    challenge = html.split('name="challenge" value="', 1)[1].split('"', 1)[0]
    answer = abuse._open_challenge(challenge)[0]
    data = {"code": code, "passphrase": passphrase, "content": content, "challenge": challenge, "captcha": answer}
    return client.post("/m/track/", {**data, **extra})


def test_the_reporter_adds_information_with_the_passphrase_only(client, tree):
    page = open_page(tree)
    code, passphrase = receipt_of(send(client, page))
    wrong = client.post("/m/track/", {"code": code, "passphrase": "AAAA-BBBB-CCCC", "content": "补充"})
    assert wrong.status_code == 400 and not Addendum.objects.exists()
    no_captcha = client.post("/m/track/", {"code": code, "passphrase": passphrase, "content": "补充"})
    assert "验证码" in no_captcha.content.decode() and not Addendum.objects.exists()
    added = add(client, code, passphrase, "补充：时间是2025年3月。")
    assert added.status_code == 200 and Addendum.objects.count() == 1
    take_in()
    addendum = Addendum.objects.get()
    assert addendum.taken_in_at is not None
    assert Tally.objects.filter(kind=TallyKind.ADDENDUM, page=page).count() == 1


def test_nothing_identifying_the_device_is_stored(client, tree):
    page = open_page(tree)
    send(client, page, REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT="Mozilla/5.0 MicroMessenger/8.0")
    from django.db import connection

    with connection.cursor() as cursor:
        for model in (Submission, Receipt, Attachment, Tally):
            cursor.execute(f"SELECT * FROM {model._meta.db_table}")
            dump = repr(cursor.fetchall())
            assert "203.0.113.77" not in dump and "MicroMessenger" not in dump


def test_a_pdf_loses_its_author_and_every_file_its_own_name(client, tree):
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": "王小明", "/Creator": "wxm-laptop"})
    data = io.BytesIO()
    writer.write(data)
    page = open_page(tree)
    pdf = SimpleUploadedFile("王小明的举报材料.pdf", data.getvalue(), content_type="application/pdf")
    assert send(client, page, files=[pdf]).status_code == 201
    attachment = Attachment.objects.get()
    assert attachment.name == "附件1.pdf"
    assert "王小明".encode() not in bytes(attachment.data) and b"wxm-laptop" not in bytes(attachment.data)


def test_word_files_are_not_taken_from_the_public(client, tree):
    import io

    from docx import Document

    out = io.BytesIO()
    Document().save(out)
    page = open_page(tree)
    doc = SimpleUploadedFile("材料.docx", out.getvalue())
    response = send(client, page, files=[doc])
    assert response.status_code == 400 and not Submission.objects.exists()


def test_the_intake_command_takes_waiting_reports_in(client, tree):
    import io

    from django.core.management import call_command

    page = open_page(tree)
    send(client, page)
    send(client, page)
    out = io.StringIO()
    call_command("public", "intake", stdout=out)
    assert Petition.objects.filter(channel=Channel.QR).count() == 2 and "2" in out.getvalue()
    call_command("public", "intake", stdout=out)
    assert Petition.objects.count() == 2


def test_a_jpeg_comment_does_not_survive(client, tree):
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (320, 240), (10, 120, 40)).save(out, "JPEG", comment=b"Reporter: Zhang San 13800001111")
    page = open_page(tree)
    photo = SimpleUploadedFile("a.jpg", out.getvalue(), content_type="image/jpeg")
    assert send(client, page, files=[photo]).status_code == 201
    data = bytes(Attachment.objects.get().data)
    assert b"Zhang San" not in data and b"13800001111" not in data


def test_a_pdf_loses_its_pages_metadata_and_annotations(client, tree):
    import io

    from pypdf import PdfWriter
    from pypdf.annotations import Text
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    xmp = DecodedStreamObject()
    xmp.set_data(b"<x:xmpmeta><dc:creator>Zhang San</dc:creator></x:xmpmeta>")
    page[NameObject("/Metadata")] = writer._add_object(xmp)
    note = Text(text="see attached", rect=(10, 10, 50, 50))
    note[NameObject("/T")] = __import__("pypdf").generic.TextStringObject("ZHANGSAN-PC\\zhangsan")
    writer.add_annotation(page_number=0, annotation=note)
    out = io.BytesIO()
    writer.write(out)
    public_page = open_page(tree)
    pdf = SimpleUploadedFile("a.pdf", out.getvalue(), content_type="application/pdf")
    assert send(client, public_page, files=[pdf]).status_code == 201
    data = bytes(Attachment.objects.get().data)
    assert b"Zhang San" not in data and b"zhangsan" not in data and data.startswith(b"%PDF")



def test_a_respelled_challenge_is_the_same_challenge(client, tree):
    page = open_page(tree)
    url = f"/m/{page.token}/report/"
    good = solved(client, url)
    assert client.post(url, {"content": "一", "mode": "anonymous", **good}).status_code == 201
    for respelled in (good["challenge"][:5] + "..." + good["challenge"][5:], good["challenge"] + "!!!!"):
        again = {"content": "二", "mode": "anonymous", "challenge": respelled, "captcha": good["captcha"]}
        assert client.post(url, again).status_code == 400
    assert Submission.objects.count() == 1


@override_settings(XUNCHA_PUBLIC_PAGE_RATE=2)
def test_robots_without_the_captcha_do_not_use_up_the_pages_allowance(client, tree):
    page = open_page(tree)
    url = f"/m/{page.token}/report/"
    for n in range(5):
        robot = {"content": "垃圾", "mode": "anonymous", "challenge": "x", "captcha": "1"}
        assert client.post(url, robot, REMOTE_ADDR=f"10.1.0.{n}").status_code == 400
    assert send(client, page).status_code == 201  # a person still gets through


def test_anonymous_with_a_phone_stays_anonymous(client, tree):
    page = open_page(tree)
    assert send(client, page, phone="13800002222").status_code == 201
    report = Submission.objects.get()
    assert not report.real_name and report.sealed_identity.startswith("sm4gcm:")


def test_a_report_that_cannot_be_taken_in_waits_and_the_others_go_on(client, tree):
    page = open_page(tree)
    send(client, page, mode="real_name", name="王五", phone="13800003333")
    send(client, page)
    broken = Submission.objects.order_by("id").first()
    Submission.objects.filter(pk=broken.pk).update(sealed_identity="sm4gcm:gone:AAAA:AAAA")
    assert take_in() == 1
    broken.refresh_from_db()
    assert broken.petition_id is None and "IdentityKeyError" in broken.intake_error
    assert take_in() == 0  # page views do not retry it
    taken = Submission.objects.exclude(pk=broken.pk).get()
    assert taken.content == "" and taken.petition.content  # the text lives on the petition now


def test_ipv6_clients_count_by_their_64_network():
    from django.test import RequestFactory

    one = RequestFactory().get("/", REMOTE_ADDR="2001:db8:1:2::1")
    other = RequestFactory().get("/", REMOTE_ADDR="2001:db8:1:2:ffff::9")
    elsewhere = RequestFactory().get("/", REMOTE_ADDR="2001:db8:1:3::1")
    assert abuse.address_key(one) == abuse.address_key(other) != abuse.address_key(elsewhere)


def test_a_withdrawn_page_is_gone_and_takes_nothing(client, tree):
    from xuncha.public.publishing import publish_pages, withdraw_page

    page = open_page(tree)
    withdraw_page(page, by=None)
    assert client.get(f"/m/{page.token}/").status_code == 404
    assert client.post(f"/m/{page.token}/report/", {"content": "x"}).status_code == 404
    publish_pages(page.inspection, by=None)  # publishing again does not reopen it
    assert client.get(f"/m/{page.token}/").status_code == 404


def test_a_page_without_an_end_date_takes_no_report(client, tree):
    page = open_page(tree)
    page.reports_close_on = None
    page.save()
    assert not page.accepts_reports()
