"""The city office scores the last item of 思明区委's appraisal in the demo (with a reason and an
evidence file), signs it off by clicking and finds it ranked; then 思明区委巡察办 reads its own
appraisal, and only its own. Screenshots at 1280 px (zh-CN) for review."""

import pytest

from tests.browser.pages import PASSWORD, new_session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_city_office_signs_off_and_the_district_office_reads_it(live_server, browser, artifacts, tmp_path):
    from xuncha.appraisal.models import Appraisal, AppraisalScore
    from xuncha.demo.loader import load_demo

    load_demo(passwords={"office": PASSWORD, "office_siming": PASSWORD}, casework=False, current=True)
    appraisal = Appraisal.objects.get(subject__code="350203")
    left = appraisal.scheme.sections.last().items.last()
    assert not AppraisalScore.objects.filter(appraisal=appraisal, item=left).exists()
    base = live_server.url

    page = new_session(browser, base, "office")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base}/appraisal/")
    page.screenshot(path=str(artifacts / "appraisal-list.png"), full_page=True)
    page.goto(f"{base}/appraisal/schemes/{appraisal.scheme_id}/table/")
    page.screenshot(path=str(artifacts / "appraisal-table-before.png"), full_page=True)
    page.click(f"a[href='/appraisal/{appraisal.pk}/']")
    page.wait_for_url(f"{base}/appraisal/{appraisal.pk}/")
    assert page.locator("[data-testid=reference]").is_visible()
    assert page.locator("[data-testid=sign-off]").count() == 0  # one item has no score yet

    evidence = tmp_path / "巡察机构规范化建设检查记录.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% inspection office records\n")
    page.select_option("#id_item", str(left.pk))
    page.fill("#id_score", "6.5")
    page.fill("#id_reason", "制度执行台账个别月份缺失，扣0.5分。")
    page.set_input_files("#id_evidence", str(evidence))
    page.screenshot(path=str(artifacts / "appraisal-detail-scoring.png"), full_page=True)
    page.click("[data-testid=score-form] button[type=submit]")
    page.wait_for_selector("[data-testid=sign-off]")
    assert "6.50" in page.locator(f"[data-testid=item-{left.pk}]").inner_text()
    page.click("[data-testid=sign-off]")
    page.wait_for_selector("[data-testid=reopen-form]")
    appraisal.refresh_from_db()
    assert appraisal.status == "signed_off" and str(appraisal.signed_total) == "95.00"
    page.screenshot(path=str(artifacts / "appraisal-detail-signed.png"), full_page=True)
    page.goto(f"{base}/appraisal/schemes/{appraisal.scheme_id}/table/")
    first = page.locator("[data-testid=row]").first
    assert "思明区" in first.inner_text()  # 95.00 tops the table
    page.screenshot(path=str(artifacts / "appraisal-table.png"), full_page=True)
    page.goto(f"{base}/appraisal/schemes/{appraisal.scheme_id}/")
    page.screenshot(path=str(artifacts / "appraisal-scheme.png"), full_page=True)
    page.close()

    district = new_session(browser, base, "office_siming")
    district.set_viewport_size({"width": 1280, "height": 900})
    district.goto(f"{base}/appraisal/")
    district.click(f"a[href='/appraisal/{appraisal.pk}/']")
    district.wait_for_url(f"{base}/appraisal/{appraisal.pk}/")
    assert "95.00" in district.locator("[data-testid=signed]").inner_text()
    assert district.locator("[data-testid=score-form]").count() == 0
    assert district.locator("[data-testid=reopen-form]").count() == 0
    district.screenshot(path=str(artifacts / "appraisal-district-reads.png"), full_page=True)
    other = Appraisal.objects.get(subject__code="350206")
    response = district.goto(f"{base}/appraisal/{other.pk}/")
    assert response.status == 404
    response = district.goto(f"{base}/appraisal/schemes/{appraisal.scheme_id}/table/")
    assert response.status == 404
