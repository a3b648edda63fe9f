"""Every evaluation step offered to a user is accepted by the domain, every step not offered is
refused by it: the office of the term's committee, a reviewer, the liaison and another
district's office, on evaluations in each state (a 一般 is in test_pages)."""

from decimal import Decimal

from tests.action_matrix import disagreements
from tests.evaluation.conftest import computed_scheme
from xuncha.evaluation import domain

STEPS = ["evaluation.submit", "evaluation.return", "evaluation.sign_off", "evaluation.order_interview",
         "evaluation.order_follow_up"]


def test_the_offered_steps_are_the_ones_the_domain_takes(world):
    scheme, items = computed_scheme(world.tree.city)  # overdue measures keep every total under 60
    hand = items["hand"]

    def made(points, steps):
        evaluation = domain.start_evaluation(
            by=None, scheme=scheme, organisation=world.tree.district, term=world.term, inspection=world.inspection
        )
        if points is not None:
            domain.score_item(evaluation, by=world.office, item=hand, score=Decimal(points))
        for step in steps:
            step(evaluation, by=None)
        return evaluation

    evaluations = [
        made(None, []),  # nothing scored: not submittable
        made(15, []),
        made(15, [domain.submit_evaluation]),
        made(5, [domain.submit_evaluation, domain.sign_off_evaluation]),  # 差
        made(15, [domain.submit_evaluation, domain.sign_off_evaluation]),  # 差 too
    ]
    users = [world.office, world.reviewer, world.liaison, world.other_office]

    found, offered = disagreements(STEPS, evaluations, users, lambda name, obj: {"reason": "补充材料"})

    assert found == []
    assert offered == 7  # submit, return, sign off, and the two consequences of each 差
