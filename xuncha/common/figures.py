"""The figures of a common-problem list as seed 003 counts them ("通报共性问题累计6类82项",
"组织未巡村对照开展未巡先改"): categories, items, organisations reached, and what the reached
organisations' self-checks found and fixed. Each is a count of rows, with the page that lists them."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse

from xuncha.common.enums import CheckStatus
from xuncha.common.models import CommonCategory, CommonItem, Reach, SelfCheck


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: int
    url: str


@dataclass(frozen=True)
class ListFigures:
    categories: int
    items: int
    reached: int
    checks: int
    not_started: int
    fixing: int
    fixed: int
    not_applicable: int
    items_fixed_somewhere: int

    @property
    def found(self) -> int:
        return self.fixing + self.fixed


def figures_of(common_list) -> ListFigures:
    """Four queries whatever the list's size."""
    checks = SelfCheck.objects.filter(reach__common_list=common_list).aggregate(
        total=Count("pk"),
        **{s.value: Count("pk", filter=Q(status=s.value)) for s in CheckStatus},
    )
    return ListFigures(
        categories=CommonCategory.objects.filter(common_list=common_list).count(),
        items=CommonItem.objects.filter(category__common_list=common_list).count(),
        reached=Reach.objects.filter(common_list=common_list).count(),
        checks=checks["total"],
        not_started=checks[CheckStatus.NOT_STARTED],
        fixing=checks[CheckStatus.FIXING],
        fixed=checks[CheckStatus.FIXED],
        not_applicable=checks[CheckStatus.NOT_APPLICABLE],
        items_fixed_somewhere=CommonItem.objects.filter(
            category__common_list=common_list, checks__status=CheckStatus.FIXED
        )
        .distinct()
        .count(),
    )


def shown(common_list, f: ListFigures) -> list[Figure]:
    from django.utils.translation import gettext as _

    detail = reverse("common:detail", args=[common_list.pk])
    checks = reverse("common:checks", args=[common_list.pk])
    return [
        Figure("categories", _("Categories"), f.categories, f"{detail}#categories"),
        Figure("items", _("Common problems"), f.items, f"{detail}#categories"),
        Figure("reached", _("Organisations reached"), f.reached, f"{detail}#reach"),
        Figure("found", _("Found at home (fixing or fixed)"), f.found, f"{checks}?status=found"),
        Figure("fixing", _("Fixing"), f.fixing, f"{checks}?status={CheckStatus.FIXING}"),
        Figure("fixed", _("Fixed"), f.fixed, f"{checks}?status={CheckStatus.FIXED}"),
    ]
