"""The progress report page: the gaps the document still has, the forms that close them (an
explanation per unfinished problem, the stated or counted figure, the people named), and the
Word and PDF downloads."""

import io
import re
from datetime import date
from decimal import Decimal

import docx
import pytest
from django.test import override_settings

from tests.factories import approved_plan, user_with_role
from tests.html_forms import unchanged_post
from xuncha import tallies
from xuncha.accounts.enums import Role
from xuncha.audit.models import AuditEvent
from xuncha.clues.enums import ClueStatus
from xuncha.clues.models import Clue, CluePerson
from xuncha.people.enums import Rank
from xuncha.rectification.enums import MeasureStatus
from xuncha.rectification.models import Measure
from xuncha.reports.models import ProblemExplanation, StatedFigure

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(tree):
    inspection, _plan, measures = approved_plan(tree, 2)
    Measure.objects.filter(pk=measures[1].pk).update(status=MeasureStatus.IN_PROGRESS)
    Measure.objects.filter(pk=measures[0].pk).update(status=MeasureStatus.DONE)
    tallies.inspection_changed(inspection.pk)
    figure = StatedFigure.objects.create(
        inspection=inspection, organisation=tree.district, key="measures_total", value=Decimal(5)
    )
    url = f"/reports/inspection/{inspection.pk}/org/{tree.district.pk}/"
    return inspection, measures[1].problems.get(), figure, url


def test_page_shows_the_gaps_and_the_office_closes_them(tree, client, report):
    _inspection, unfinished, figure, url = report
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    page = client.get(url).content.decode()
    for kind in ("explanation", "contact", "stated"):
        assert f'data-testid="gap-{kind}"' in page
    assert 'data-testid="stated-measures_total"' in page and "<td>5</td>" in page and "<td>2</td>" in page
    assert re.search(r'data-figure="measures_total" [^>]*>2<', page)  # counted, until the office chooses

    posted = client.post(
        url,
        {
            "action": "explanation",
            "problem": unfinished.pk,
            f"p{unfinished.pk}-reason": "工作量大，需分步推进",
            f"p{unfinished.pk}-next_steps": "一是加快推进。",
            f"p{unfinished.pk}-complete_by_text": "2022年12月31日前并长期坚持",
        },
    )
    assert posted.status_code == 302
    assert ProblemExplanation.objects.get(problem=unfinished).complete
    page = client.get(url).content.decode()
    assert 'data-testid="gap-explanation"' not in page
    assert "有关情况说明：工作量大，需分步推进" in page and "完成时限：2022年12月31日前并长期坚持" in page

    assert client.post(url, {"action": "figure", "figure": figure.pk, "printed": "stated"}).status_code == 302
    page = client.get(url).content.decode()
    assert re.search(r'data-figure="measures_total" [^>]*>5<', page)
    assert 'data-testid="gap-stated"' in page  # the check stays, whichever is printed
    event = AuditEvent.objects.get(action="reports.stated_figure.chosen")
    assert event.data["printed"] == "stated"

    data = unchanged_post(client.get(url), "contact_phone")
    data.update(contact_phone=["0592-1234567"], contact_address=["厦门市1号信箱"])
    saved = client.post(url, data)
    assert saved.status_code == 302
    page = client.get(url).content.decode()
    assert 'data-testid="gap-contact"' not in page and "联系电话：0592-1234567" in page


def test_an_explanation_without_a_completion_date_is_refused(tree, client, report):
    _inspection, unfinished, _figure, url = report
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    client.post(
        url,
        {
            "action": "explanation",
            "problem": unfinished.pk,
            f"p{unfinished.pk}-reason": "原因",
            f"p{unfinished.pk}-next_steps": "措施",
        },
    )
    assert not ProblemExplanation.objects.exists()


def test_liaison_writes_explanations_but_neither_chooses_figures_nor_sees_named_people(tree, client, report):
    inspection, _unfinished, figure, url = report
    clue = Clue.objects.create(
        inspection=inspection,
        serial=1,
        allegation="反映问题",
        source="talk",
        status=ClueStatus.CONCLUDED,
        received_on=date(2021, 2, 1),
        transferred_on=date(2021, 3, 1),
        concluded_on=date(2021, 9, 1),
    )
    person = CluePerson.objects.create(
        clue=clue, name="甲某某", rank=Rank.SECTION, position="某局原科长", disposition="admonishment"
    )
    office = user_with_role(Role.OFFICE, tree.city)
    client.force_login(office)
    page = client.get(url).content.decode()
    assert 'data-testid="persons-form"' in page and "甲某某" in page  # a choice, not yet printed
    assert "已对某局原科长甲某某" not in page
    assert client.post(url, {"action": "persons", "persons": [str(person.pk)]}).status_code == 302
    viewed = AuditEvent.objects.filter(action="clues.clue.viewed").count()
    assert "已对某局原科长甲某某予以诫勉" in client.get(url).content.decode()
    assert AuditEvent.objects.filter(action="reports.draft.persons_listed").exists()
    # a name from a clue, read on the page or in the document, is a read of that clue
    assert AuditEvent.objects.filter(action="clues.clue.viewed").count() == viewed + 1
    assert "甲某某" in _docx_text(client.get(url + "report.docx").content)
    assert AuditEvent.objects.filter(action="clues.clue.viewed").count() == viewed + 2

    client.force_login(user_with_role(Role.LIAISON, tree.district))
    page = client.get(url).content.decode()
    assert 'data-testid="explanation-form"' in page
    assert "甲某某" not in page and 'data-testid="persons-form"' not in page
    # nothing of the clues and petitions, not even counts (docs/confidentiality.md): section 三
    # is the office's to write
    text = re.sub("<[^>]+>", "", page)
    assert "移交问题线索" not in text and "信访件" not in text and "第一种形态" not in text
    assert 'data-testid="gap-casework"' in page
    assert client.post(url, {"action": "figure", "figure": figure.pk, "printed": "stated"}).status_code == 404
    assert not StatedFigure.objects.get(pk=figure.pk).use_in_report
    docx_text = _docx_text(client.get(url + "report.docx").content)
    assert "甲某某" not in docx_text and "移交问题线索" not in docx_text and "形态" not in docx_text


def _docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def test_word_download_is_the_page_s_document(tree, client, report):
    _inspection, _unfinished, _figure, url = report
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    response = client.get(url + "report.docx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    text = _docx_text(response.content)
    assert "（1）问题1。" in text and "整改情况：" in text and "研究制定整改措施2项" in text


def test_pdf_download_through_libreoffice_and_without_it(tree, client, report, tmp_path):
    _inspection, _unfinished, _figure, url = report
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    with override_settings(XUNCHA_SOFFICE=str(tmp_path / "no-such-soffice")):
        response = client.get(url + "report.pdf")
    assert response.status_code == 302 and response["Location"] == url
    response = client.get(url + "report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    import pdfplumber

    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    assert "整改进展情况的通报" in text.replace("\n", "")


def test_a_figure_only_stated_is_listed_unprinted_until_the_office_chooses_it(tree, client, report):
    """Seed 001's 21 topics: nothing counts them, so they are not a difference to flag, but the
    office may still choose to print them."""
    inspection, _unfinished, _figure, url = report
    topics = StatedFigure.objects.create(
        inspection=inspection, organisation=tree.district, key="topics_total", value=Decimal(21)
    )
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    page = client.get(url).content.decode()
    row = re.search(r'data-testid="stated-topics_total">(.*?)</tr>', page, re.S).group(1)
    assert "<td>21</td>" in row and "<td>—</td>" in row and "改印所述数" in row
    assert "分类梳理成" not in page and "21个专题" not in page
    assert client.post(url, {"action": "figure", "figure": topics.pk, "printed": "stated"}).status_code == 302
    topics.refresh_from_db()
    assert topics.use_in_report
    row = re.search(r'data-testid="stated-topics_total">(.*?)</tr>', client.get(url).content.decode(), re.S).group(1)
    assert "所述" in row
