"""The redaction rule of typical cases: applied to every text of a case each time it is saved.

* the identities of the reporters behind the source (its petitions) are replaced as on every
  other channel (`xuncha.confidential.disclosure.scrubber_for`: 〔已隐去〕);
* each person concerned of the source clue is named by surname only (张三丰 → 张某), the form
  published cases take ("某副主任张某").
"""

import re
from collections.abc import Callable


def masked(name: str) -> str:
    name = (name or "").strip()
    return f"{name[0]}某" if name else ""


def redactor(case_or_source) -> Callable[[str], str]:
    """The rule for a case (or its source before the case exists): a function over text."""
    from xuncha.confidential.disclosure import scrubber_for

    problem = getattr(case_or_source, "problem", None)
    clue = getattr(case_or_source, "clue", None)
    if problem is None and clue is None:  # the source itself
        kind = case_or_source._meta.model_name
        problem = case_or_source if kind == "problem" else None
        clue = case_or_source if kind == "clue" else None
    petitions = []
    names = []
    if problem is not None:
        from xuncha.confidential.disclosure import rule_for

        rule = rule_for(type(problem))
        petitions += list(rule.petitions(problem)) if rule.petitions else []
    if clue is not None:
        petitions += list(clue.petitions.all())
        names = sorted({p.name.strip() for p in clue.persons.all() if p.name.strip()}, key=len, reverse=True)
    scrub = scrubber_for(petitions)

    def redact(text: str) -> str:
        text = scrub(text or "")
        for name in names:
            if len(name) >= 2 and not name.endswith("某"):
                text = re.sub(re.escape(name), masked(name), text)
        return text

    return redact
