"""Typed numbers are stripped (whatever their spelling) and numbers come from position."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xuncha.findings.numbering import aspect_label, item_label, problem_label, strip_numbering
from xuncha.reports.parsing.markers import Mark, classify
from xuncha.reports.parsing.normalize import normalize_chars


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("（一）一、落实党的理论和路线方针政策方面", "落实党的理论和路线方针政策方面"),
        ("(二)落实全面从严治党战略部署方面", "落实全面从严治党战略部署方面"),
        ("一、落实新时代党的组织路线方面", "落实新时代党的组织路线方面"),
        ("1．学习贯彻还有落差", "学习贯彻还有落差"),
        ("2.推动高质量发展有短板", "推动高质量发展有短板"),
        ("（1）1.学习还不够到位，以干代学", "学习还不够到位，以干代学"),
        ("40.\u00a0学习不够深入", "学习不够深入"),
        ("（ 3 ）\u3000营商环境：优化不够", "营商环境：优化不够"),
    ],
)
def test_strip_numbering_removes_typed_numbers(typed, kept):
    assert strip_numbering(typed) == kept


@pytest.mark.parametrize(
    "wording",
    ["一是学习不够深入", "1.8平方公里的土地闲置", "一、二季度进度滞后", "学习（1）不够", "“三重一大”制度执行不严"],
)
def test_strip_numbering_keeps_wording_that_only_looks_numbered(wording):
    assert strip_numbering(wording) == wording


def test_labels_follow_the_published_reports():
    labels = (aspect_label(1), aspect_label(12), item_label(3), problem_label(35))
    assert labels == ("（一）", "（十二）", "3.", "（35）")


MARKS = st.sampled_from(
    ["（一）", "(一)", "一、", "（十二）", "1.", "1．", "12、", "（1）", "(35)", "①", "（二）三、", "1.（2）"]
)
SPACES = st.sampled_from(["", " ", "\u00a0", "\u3000", "  "])
WORDING = st.text(alphabet="学习贯彻落实党的理论方面问题整改，：“”《》", min_size=1, max_size=30)


@given(mark=MARKS, space=SPACES, wording=WORDING)
def test_strip_numbering_leaves_exactly_the_wording(mark, space, wording):
    assert strip_numbering(f"{mark}{space}{wording}") == wording.strip()


@given(st.text(max_size=60))
def test_strip_numbering_is_idempotent_and_never_lengthens(text):
    once = strip_numbering(text)
    assert strip_numbering(once) == once or classify(normalize_chars(once).strip()).mark not in (
        Mark.TEXT,
        Mark.ORDINAL,
    )
    assert len(once) <= len(text)
