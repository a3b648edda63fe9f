"""The office reads the demo's evaluation of 梧村街道 in a browser, submits and signs it off by
clicking, and finds it in the term's ranked table; screenshots at 1280 px for review."""

import pytest

from tests.browser.pages import PASSWORD, new_session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_signs_off_the_demo_evaluation(live_server, browser, artifacts):
    from xuncha.demo.loader import load_demo
    from xuncha.evaluation.demo import VILLAGE_TITLE
    from xuncha.evaluation.models import Evaluation, Scheme

    load_demo(passwords={"office": PASSWORD}, casework=False, current=True)
    evaluation = Evaluation.objects.get()
    village = Scheme.objects.get(title=VILLAGE_TITLE)
    base = live_server.url
    page = new_session(browser, base, "office")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(f"{base}/evaluation/")
    page.screenshot(path=str(artifacts / "evaluation-list.png"), full_page=True)
    page.click(f"a[href='/evaluation/{evaluation.pk}/']")
    page.wait_for_url(f"{base}/evaluation/{evaluation.pk}/")
    assert page.locator("[data-testid=deductions] li").count() > 0  # overdue measures, itemised
    page.screenshot(path=str(artifacts / "evaluation-detail.png"), full_page=True)

    page.click("[data-testid=submit]")
    page.wait_for_selector("[data-testid=sign-off]")
    page.click("[data-testid=sign-off]")
    page.wait_for_load_state()
    evaluation.refresh_from_db()
    assert evaluation.status == "signed_off"

    page.goto(f"{base}/evaluation/terms/{evaluation.term_id}/")
    assert page.locator("[data-testid=ranked] tbody tr").count() == 1
    page.screenshot(path=str(artifacts / "evaluation-term.png"), full_page=True)
    page.goto(f"{base}/evaluation/schemes/")
    page.screenshot(path=str(artifacts / "evaluation-schemes.png"), full_page=True)
    page.goto(f"{base}/evaluation/schemes/{village.pk}/")
    assert page.locator("[data-testid=ours-note]").is_visible()
    page.screenshot(path=str(artifacts / "evaluation-village-scheme.png"), full_page=False)
