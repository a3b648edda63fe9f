"""One name per concept (xuncha/vocabulary.py): the zh-hans catalogue gives each concept and
each status word exactly one Chinese rendering, no two concepts share one, and the names the
platform no longer uses appear nowhere: not in the catalogue, not in the code, not in the docs."""

import importlib
import pkgutil
import re
from pathlib import Path

import polib
import pytest
from django.db.models import TextChoices
from django.utils.translation import override

import xuncha
from xuncha import vocabulary as v

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "xuncha/locale/zh_Hans/LC_MESSAGES/django.po"


@pytest.fixture(scope="module")
def catalogue() -> list[polib.POEntry]:
    return [e for e in polib.pofile(str(CATALOGUE)) if not e.obsolete and e.msgstr]


def _same_words(a: str, b: str) -> bool:
    """Two msgids that differ only by case or a plural say the same thing ("Clue", "clues",
    "Immediate fix", "immediate fixes")."""

    def forms(s: str) -> set[str]:
        s = s.lower()
        return {s, re.sub(r"s\b", "", s), re.sub(r"es\b", "", s)}

    return bool(forms(a) & forms(b))


def _enum_classes() -> list[type[TextChoices]]:
    found = []
    for module in pkgutil.walk_packages(xuncha.__path__, "xuncha."):
        if module.name.endswith(".enums"):
            mod = importlib.import_module(module.name)
            found += [
                c
                for c in vars(mod).values()
                if isinstance(c, type) and issubclass(c, TextChoices) and c.__module__ == mod.__name__
            ]
    return found


def test_vocabulary_renders_each_concept_as_its_declared_chinese():
    with override("zh-hans"):
        rendered = {c.identifier: str(c.label) for c in v.CONCEPTS}
    assert rendered == {c.identifier: c.zh for c in v.CONCEPTS}
    assert len(v.CONCEPTS) > 30  # the module's concepts were all collected
    assert len({c.identifier for c in v.CONCEPTS}) == len(v.CONCEPTS)


def test_vocabulary_gives_no_two_concepts_the_same_chinese():
    by_zh: dict[str, list[str]] = {}
    for c in v.CONCEPTS:
        by_zh.setdefault(c.zh, []).append(c.identifier)
    assert {zh: ids for zh, ids in by_zh.items() if len(ids) > 1} == {}


def test_catalogue_gives_a_concepts_chinese_to_no_other_msgid(catalogue):
    """A second msgid rendered as 挂图作战 would be a second concept under the same name, or the
    same concept under two msgids that may drift apart."""
    strays = [
        (c.identifier, e.msgctxt, e.msgid)
        for c in v.CONCEPTS
        for e in catalogue
        if e.msgstr == c.zh and not any(_same_words(e.msgid, m) for m in (c.english, *c.also))
    ]
    assert strays == []


def test_catalogue_and_sources_carry_no_retired_name(catalogue):
    retired = {name for c in v.CONCEPTS for name in c.retired} | set(v.RETIRED_STATUS_WORDS)
    assert "整改看板" in retired and "正在推进" in retired
    in_catalogue = [(e.msgid, e.msgstr) for e in catalogue if any(r in e.msgstr for r in retired)]
    assert in_catalogue == []
    # published reports are read as they are written (reports/parsing), and the two modules
    # that name the retired words to read old files name them on purpose
    exempt = {"xuncha/vocabulary.py", "docs/vocabulary.md"}
    sources = [
        p
        for pattern in ("xuncha/**/*.py", "xuncha/**/*.html", "docs/*.md", "README.md")
        for p in ROOT.glob(pattern)
        if "parsing" not in p.parts and "migrations" not in p.parts
    ]
    assert len(sources) > 100
    found = [
        (str(p.relative_to(ROOT)), r)
        for p in sources
        if str(p.relative_to(ROOT)) not in exempt
        for r in retired
        if r in p.read_text(encoding="utf-8")
    ]
    assert found == []


def test_status_enums_label_each_state_with_a_chinese_word_of_its_own():
    enums = _enum_classes()
    assert set(v.STATUS_ENUMS) <= set(enums)
    with override("zh-hans"):
        clashes = {
            enum.__qualname__: labels
            for enum in enums
            if len(set(labels := [str(m.label) for m in enum])) != len(labels)
        }
        untranslated = [
            (e.__qualname__, m.value)
            for e in v.STATUS_ENUMS
            for m in e
            if m.label and not re.search(r"[\u4e00-\u9fff]", str(m.label))
        ]
    assert clashes == {}
    assert untranslated == []


def test_status_words_are_the_settled_ones():
    """The words the tester found spelled three ways, now one way from the enum."""
    from xuncha.rectification.enums import MeasureStatus, ProblemStatus, SignOff

    assert v.status_words(MeasureStatus) == {
        "not_started": "未启动",
        "in_progress": "正在整改",
        "basically_done": "基本完成",
        "done": "已完成",
        "ongoing": "长期坚持",
        "not_stated": "未说明",
    }
    assert v.status_words(ProblemStatus) == {
        "done": "已完成",
        "basically_done": "基本完成",
        "not_done": "未完成",
        "not_stated": "未说明",
    }
    assert v.status_words(SignOff) == {
        "": "未申请销号",
        "requested": "已申请销号",
        "approved": "已销号",
        "returned": "销号退回",
    }
    assert v.current_word("正在推进") == "正在整改" and v.current_word("已完成") == "已完成"


def test_navigation_names_are_concepts_with_distinct_chinese():
    names = [c.zh for c in v.NAVIGATION]
    assert len(set(names)) == len(names)
    assert {"整改台账", "整改态势", "整改统计", "我的任务"} <= set(names)
    assert v.BOARD not in v.NAVIGATION  # the board is one inspection's page, reached from it


def test_docs_list_every_concept_and_status_word():
    text = (ROOT / "docs/vocabulary.md").read_text(encoding="utf-8")
    missing = [c.identifier for c in v.CONCEPTS if f"| {c.zh} | {c.english} | `{c.identifier}` |" not in text]
    assert missing == []
    words = [w for e in v.STATUS_ENUMS for w in v.status_words(e).values() if w and f"| {w} |" not in text]
    assert words == []
    assert "docs/vocabulary.md" in (ROOT / "README.md").read_text(encoding="utf-8")
