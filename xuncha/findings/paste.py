"""Building the feedback tree from its text: the feedback as handed over, pasted by the clerk.

The text is read by the report parser (`xuncha.reports.parsing`), which copes with full-width
or ASCII brackets, "1." or "1．", no-break spaces and page furniture. The page shows the tree it
read; only on confirmation is the text read again and saved, all of it in one transaction
through the same domain functions as typed nodes (numbering from position, typed numbers
stripped, audited), or nothing at all.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xuncha import tallies
from xuncha.audit.domain import record_event
from xuncha.findings.numbering import aspect_label, item_label, problem_label, strip_numbering
from xuncha.reports.parsing import ReportParseError, parse_text
from xuncha.reports.parsing.model import Aspect as ParsedAspect

MAX_CHARS = 200_000


@dataclass(frozen=True)
class PastedTree:
    aspects: list[ParsedAspect]

    @property
    def counts(self) -> dict[str, int]:
        return {
            "aspects": len(self.aspects),
            "items": sum(len(a.items) for a in self.aspects),
            "problems": sum(len(a.all_problems()) for a in self.aspects),
        }

    def preview(self) -> list[dict]:
        """The tree as it will be saved, numbered as the page will number it (the shape of a
        version's snapshot, `xuncha.findings.versions.snapshot`, so one template shows both)."""
        count = 0

        def problems(parsed):
            nonlocal count
            shown = []
            for problem in parsed:
                count += 1
                title = _chinese_punctuation(problem.title)
                shown.append({"label": problem_label(count), "title": title, "text": _details(problem)})
            return shown

        tree = []
        for a, aspect in enumerate(self.aspects, start=1):
            items = [
                {"label": item_label(i), "title": _chinese_punctuation(item.title), "problems": problems(item.problems)}
                for i, item in enumerate(aspect.items, start=1)
            ]
            tree.append(
                {"label": aspect_label(a), "title": _chinese_punctuation(aspect.title), "items": items,
                 "problems": problems(aspect.problems)}
            )
        return tree


def read_feedback(text: str) -> PastedTree:
    """The tree in `text`, or a ValidationError saying in the user's language what is wrong."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Paste the text of the feedback."))
    if len(text) > MAX_CHARS:
        raise ValidationError(_("The text is too long for one feedback."))
    try:
        parsed = parse_text(text, strict=False)
    except ReportParseError:
        parsed = None
    aspects = parsed.aspects if parsed is not None else []
    if not aspects or not any(a.all_problems() for a in aspects):
        raise ValidationError(
            _(
                "No feedback structure was found. Number the aspects （一）（二）…, the items 1. 2. … "
                "and the problems （1）（2）…, each on a line of its own."
            )
        )
    untitled = [a for a in aspects if not a.title]
    if untitled:
        raise ValidationError(_("The problems must stand under numbered aspects such as （一）…方面."))
    empty = [strip_numbering(a.title)[:20] for a in aspects if not a.all_problems()]
    if empty:
        raise ValidationError(
            _("These aspects have no problems under them: %(aspects)s.") % {"aspects": "；".join(empty)}
        )
    return PastedTree(aspects)


_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}


def _chinese_punctuation(text: str) -> str:
    """The parser reads text with its punctuation folded to ASCII; next to Chinese characters
    it is given back its full-width form, as the clerk pasted it."""

    def cjk(char: str) -> bool:
        return "\u3400" <= char <= "\u9fff" or char in "“”《》。、"

    chars = list(text)
    for index, char in enumerate(chars):
        if char in _FULL_WIDTH:
            before = chars[index - 1] if index else ""
            after = chars[index + 1] if index + 1 < len(chars) else ""
            if cjk(before) or cjk(after) or (before and before in _FULL_WIDTH.values()):
                chars[index] = _FULL_WIDTH[char]
    return "".join(chars)


def _details(problem) -> str:
    """The problem's text without its title (the parser gives the heading's whole paragraph)."""
    text = problem.text
    if text.startswith(problem.title):
        text = text[len(problem.title) :].lstrip("。；;:：，, \n")
    return _chinese_punctuation(text)


def save_pasted_feedback(inspection, *, by, text: str):
    """Read `text` and add its whole tree after the present one, or nothing."""
    from xuncha.findings import domain

    pasted = read_feedback(text)
    with transaction.atomic(), tallies.deferred():
        locked = domain._locked_inspection(inspection, "inspection.paste_feedback", by)
        for parsed_aspect in pasted.aspects:
            aspect = domain.add_aspect(locked, by=by, title=_chinese_punctuation(parsed_aspect.title))
            groups = [(None, parsed_aspect.problems)] + [
                (domain.add_item(aspect, by=by, title=_chinese_punctuation(i.title), inspection=locked), i.problems)
                for i in parsed_aspect.items
            ]
            for item, problems in groups:
                for parsed in problems:
                    domain.add_problem(
                        locked, by=by, aspect=aspect, item=item, title=_chinese_punctuation(parsed.title),
                        text=_details(parsed),
                    )
        record_event("findings.feedback.pasted", actor=by, obj=locked, data=pasted.counts)
    return pasted
