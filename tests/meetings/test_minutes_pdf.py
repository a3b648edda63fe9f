"""The minutes as a PDF (LibreOffice), or a 503 page offering the Word file without it."""

import os
from datetime import date

import pytest
from django.urls import reverse

from tests.downloads import download_name
from tests.meetings.conftest import decided, feedback_meeting
from xuncha.documents.pdf import soffice_path
from xuncha.meetings import domain

pytestmark = pytest.mark.django_db


def test_the_minutes_download_as_pdf_or_a_503_page_without_libreoffice(world, client, settings):
    decided(world)
    meeting = feedback_meeting(world)
    domain.add_agenda_item(
        meeting,
        by=world.office,
        title="反馈巡察意见",
        inspection=world.inspection,
        decision="被巡察党组织要切实履行整改主体责任，在两个月内报送整改方案。",
    )
    domain.add_follow_up(
        meeting, by=world.office, description="报送整改方案", owner=world.owner, deadline=date(2021, 5, 20)
    )
    client.force_login(world.office)
    url = reverse("meetings:minutes_pdf", args=[meeting.pk])
    if soffice_path() is not None:
        response = client.get(url)
        assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
        assert download_name(response) == ("会议纪要-巡察反馈会议-20210320.pdf", f"minutes-{meeting.pk}-20210320.pdf")
        if target := os.environ.get("XUNCHA_MINUTES_SAMPLE"):  # to look at the page
            with open(target, "wb") as out:
                out.write(response.content)
    settings.XUNCHA_SOFFICE = "/nonexistent/soffice"
    response = client.get(url)
    assert response.status_code == 503
    assert reverse("meetings:minutes_docx", args=[meeting.pk]) in response.content.decode()
