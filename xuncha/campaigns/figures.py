"""A campaign's combined figures, counted from the rows of its inspections that the reader may
see (a district office reading a city's campaign counts its own share): in total, per
participating committee (市级、区级) and per inspection, each linking to the rows it counts."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from xuncha.rectification.figures import RectificationFigures, rate, rectification_figures


@dataclass
class Share:
    """One participating committee's inspections in the campaign, or one inspection."""

    problems: int = 0
    done: int = 0
    not_stated: int = 0

    @property
    def completion_rate(self):
        return rate(self.done, self.problems - self.not_stated)


@dataclass
class CommitteeShare(Share):
    committee: object = None
    inspections: list = field(default_factory=list)


@dataclass
class CampaignFigures:
    inspections: list  # each with `.share` (its Share)
    shares: list[CommitteeShare]
    organisations: int
    rectification: RectificationFigures
    clues: object | None  # None when the reader may not count clues


def campaign_inspections(campaign, user):
    from xuncha.inspections.queries import inspections_for_user

    return (
        inspections_for_user(user)
        .filter(campaign_links__campaign=campaign, campaign_links__archived_at__isnull=True)
        .select_related("term__owner")
        .prefetch_related("targets__organisation")
        .order_by("term__owner__path", "entry_on", "pk")
    )


def campaign_figures(campaign, user, *, today: date) -> CampaignFigures:
    from xuncha.accounts.permissions import restrict
    from xuncha.clues.figures import clue_figures
    from xuncha.clues.rules import figures_scope, may_count_clues
    from xuncha.findings.models import Problem
    from xuncha.rectification.enums import ProblemStatus
    from xuncha.rectification.queries import measures_for_user
    from xuncha.rectification.status import with_status

    inspections = list(campaign_inspections(campaign, user))
    ids = [i.pk for i in inspections]
    problems = restrict(Problem.objects.filter(inspection_id__in=ids), user)
    measures = measures_for_user(user).filter(plan__inspection_id__in=ids)
    shares: dict[int, Share] = defaultdict(Share)
    for inspection_id, status in with_status(problems).values_list("inspection_id", "derived_status"):
        share = shares[inspection_id]
        share.problems += 1
        share.done += status == ProblemStatus.DONE
        share.not_stated += status == ProblemStatus.NOT_STATED
    committees: dict[int, CommitteeShare] = {}
    for inspection in inspections:
        share = inspection.share = shares[inspection.pk]
        owner = inspection.term.owner
        committee = committees.setdefault(owner.pk, CommitteeShare(committee=owner))
        committee.inspections.append(inspection)
        committee.problems += share.problems
        committee.done += share.done
        committee.not_stated += share.not_stated
    organisations = {t.organisation_id for i in inspections for t in i.targets.all()}
    return CampaignFigures(
        inspections=inspections,
        shares=list(committees.values()),
        organisations=len(organisations),
        rectification=rectification_figures(problems, measures, today=today),
        clues=clue_figures(figures_scope(user).filter(inspection_id__in=ids)) if may_count_clues(user) else None,
    )
