import time

import pytest

from xuncha.common import similarity

REWORDINGS = [
    ("村级财务管理不规范，存在白条入账、大额现金支付现象", "村财务报销使用白条入账，大额资金以现金支付"),
    ("村集体资产底数不清，部分资产资源未登记入账", "集体资产台账不全，资产资源底数不清"),
    ("党支部三会一课制度落实不到位，组织生活会流于形式", "三会一课开展不经常，组织生活会质量不高流于形式"),
    ("低保评定程序不规范，优亲厚友", "惠民政策落实中低保户评定存在优亲厚友问题"),
]
UNRELATED = [
    ("村级财务管理不规范，存在白条入账现象", "党支部三会一课制度落实不到位"),
    ("低保评定程序不规范，优亲厚友", "集体资产台账不全，资产资源底数不清"),
    ("村干部违规公款吃喝", "重大事项未执行四议两公开"),
]
ALL = [t for pair in REWORDINGS + UNRELATED for t in pair]


def test_tokens_segment_words_and_drop_function_words_and_numbers():
    words = similarity.tokens("（3）村级财务管理不规范，存在白条入账问题，2023年共5笔")
    assert "白条" in words and "入账" in words
    assert not {"存在", "问题", "2023年", "（", "3"} & set(words)


@pytest.mark.parametrize(("a", "b"), REWORDINGS)
def test_similarity_rewordings_score_above_the_threshold(a, b):
    assert similarity.similarity(a, b, corpus=ALL) >= similarity.CLUSTER_THRESHOLD


@pytest.mark.parametrize(("a", "b"), UNRELATED)
def test_similarity_unrelated_problems_score_low(a, b):
    assert similarity.similarity(a, b, corpus=ALL) < 0.1


def test_similarity_of_a_text_with_itself_is_one_and_of_nothing_is_zero():
    text = REWORDINGS[0][0]
    assert similarity.similarity(text, text) == pytest.approx(1.0)
    assert similarity.similarity(text, "") == 0


def test_clusters_group_the_rewordings_and_leave_the_unrelated_apart():
    texts = [t for pair in REWORDINGS for t in pair] + ["村干部违规公款吃喝"]
    found = similarity.clusters(texts)
    assert sorted(c.members for c in found) == [(0, 1), (2, 3), (4, 5), (6, 7)]


def test_matches_returns_the_close_candidates_first():
    found = similarity.matches("白条入账、大额现金支付", ["党支部组织生活会", "白条入账", "大额现金支付白条入账"])
    assert [i for i, _s in found] == [2, 1]


def test_bigram_fallback_reads_chinese_without_the_segmenter():
    assert "白条" in similarity.bigrams("白条入账")
    assert similarity.bigrams("") == []


def _generated(n: int) -> list[str]:
    """Village problems from pools of words (subjects × faults × places), a few hundred words
    in all as in a real term's feedback: many share a word, few read alike."""
    import random

    from xuncha.common.demo import CATEGORIES

    rng = random.Random(17)
    items = [text for _name, texts in CATEGORIES for text in texts]
    places = [f"{a}{b}村" for a in "东西南北中上下前后新" for b in "山河湖林田"]
    return [f"{rng.choice(places)}{rng.choice(items)}，{rng.choice(items)}" for _i in range(n)]


def test_clusters_stay_bounded_on_a_big_term():
    """1,500 problems (measured at about 1.6 s, see the module docstring): the inverted
    index compares only texts that share a word, and very common words are not paired on."""
    texts = _generated(1500)
    started = time.perf_counter()
    found = similarity.clusters(texts)
    elapsed = time.perf_counter() - started
    assert found  # the generated texts repeat their subjects: there is something to find
    assert elapsed < 20
