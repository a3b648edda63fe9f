"""How alike two problems read: Chinese word segmentation, TF-IDF weights, cosine similarity.

Method (no model, no training, all offline):

1. **Segment** each text with jieba (a well-kept Chinese segmenter that ships its own
   dictionary, so it works without a network) in its default precise mode. Tokens that carry
   no content are dropped: punctuation, digits and numbering ("（3）", "2023年"), and a short
   list of function words (的, 了, 和, 等, 存在, 问题, 情况, 不, 到位…: words every finding
   uses). Single Chinese characters are kept only when jieba found nothing longer around them
   (村, 账 matter in a village's problems). Where jieba is not installed the text falls back to
   overlapping character bigrams (a well-known approximation for Chinese retrieval), so the
   platform never fails for lack of the library; the thresholds below were set with jieba.
2. **Weigh** each token by TF-IDF over the texts compared together (a term's problems, or one
   organisation's signed-off problems plus the term's common items):
   tf = count in the text; idf = ln((1 + N) / (1 + df)) + 1 (the smoothed form), so a word
   every text uses ("村级", "党支部" in a term of village inspections) counts little and a
   specific one ("账外账", "低保") counts much.
3. **Compare** with the cosine of the two weight vectors: 1 for the same wording, 0 for no
   shared word. Order, length and repetition do not matter much, which suits findings that
   say the same thing in different words around the same key terms.

Thresholds (`CLUSTER_THRESHOLD`, `REBOUND_THRESHOLD`) were set on the fixed examples in
tests/common/test_similarity.py: rewordings of one problem score 0.4–0.8, problems of the same
area but a different matter (two finance problems) 0.1–0.3, unrelated problems below 0.1. A
proposal is only a proposal: the office decides what is common and the entering user decides
whether a finding is a rebound.

Cost: pairs are found through an inverted index (token → texts), so only texts sharing a
token are compared; tokens shared by more than `MAX_POSTING` texts are skipped for pairing
(their idf is near the floor, they cannot make a pair similar alone). Measured on generated
village problems built from the demo's 82 items (a dense worst case: every text shares words
with hundreds of others), segmentation and pairing together on one core: 1,500 texts 1.6 s,
3,000 texts 3.1 s, 5,000 texts 10.7 s. So the proposals look at the most recent `MAX_TEXTS`
(2,000) problems of a term and say so when there are more; tests/common/test_similarity.py
checks a bound on 1,500. Real feedback is sparser than the generated worst case.
"""

import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

CLUSTER_THRESHOLD = 0.35
REBOUND_THRESHOLD = 0.35
MAX_POSTING = 200
MAX_TEXTS = 2000

STOPWORDS = frozenset(
    [
        "的",
        "了",
        "和",
        "与",
        "及",
        "或",
        "等",
        "在",
        "对",
        "是",
        "有",
        "不",
        "未",
        "没有",
        "存在",
        "问题",
        "情况",
        "方面",
        "工作",
        "进行",
        "开展",
        "一些",
        "部分",
        "个别",
        "较",
        "比较",
        "仍",
        "仍然",
        "还",
        "还有",
        "也",
        "都",
        "就",
        "而",
        "将",
        "把",
        "被",
        "为",
        "以",
        "于",
        "其",
        "该",
        "这",
        "那",
        "中",
        "上",
        "下",
        "不够",
        "不到位",
        "到位",
        "不力",
        "不严",
        "不规范",
        "规范",
        "落实",
        "方面",
        "一是",
        "二是",
        "三是",
        "四是",
        "五是",
        "等等",
        "之间",
        "相关",
        "有关",
        "一定",
        "不足",
        "现象",
    ]
)
_CONTENT = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_DIGITS = re.compile(r"^[\d０-９.．%％]+[年月日个项件人次万元]?$")

try:  # jieba prints its dictionary loading to the log; keep the platform's log quiet
    import jieba

    jieba.setLogLevel(logging.WARNING)
except ImportError:  # pragma: no cover - the fallback is tested by calling `bigrams` directly
    jieba = None


def bigrams(text: str) -> list[str]:
    """Overlapping character bigrams of each run of Chinese/Latin characters (the fallback)."""
    tokens = []
    for run in re.findall(r"[\u4e00-\u9fffA-Za-z]+", text or ""):
        if len(run) == 1:
            tokens.append(run)
        tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
    return [t for t in tokens if t not in STOPWORDS]


def tokens(text: str) -> list[str]:
    """The content words of `text` (see the module docstring, step 1)."""
    if jieba is None:  # pragma: no cover
        return bigrams(text)
    words = []
    for word in jieba.lcut(text or ""):
        word = word.strip()
        if not word or word in STOPWORDS or not _CONTENT.search(word) or _DIGITS.match(word):
            continue
        words.append(word)
    return words


Vector = dict[str, float]


def vectors(token_lists: Sequence[list[str]]) -> list[Vector]:
    """TF-IDF vectors, normalised to length 1, for texts compared together."""
    n = len(token_lists)
    df = Counter(token for toks in token_lists for token in set(toks))
    result = []
    for toks in token_lists:
        counts = Counter(toks)
        vec = {t: c * (math.log((1 + n) / (1 + df[t])) + 1) for t, c in counts.items()}
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        result.append({t: w / norm for t, w in vec.items()})
    return result


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def similarity(a: str, b: str, *, corpus: Iterable[str] = ()) -> float:
    """The cosine of two texts, weighed over `corpus` plus the two texts themselves."""
    lists = [tokens(a), tokens(b)] + [tokens(t) for t in corpus]
    vecs = vectors(lists)
    return round(cosine(vecs[0], vecs[1]), 4)


def similar_pairs(vecs: Sequence[Vector], threshold: float) -> list[tuple[int, int, float]]:
    """(i, j, score) with i < j for every pair at or above `threshold`, through the inverted
    index (only texts sharing a token are compared; see the module docstring on cost)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, vec in enumerate(vecs):
        for token in vec:
            postings[token].append(i)
    pairs = []
    for i, vec in enumerate(vecs):
        candidates = set()
        for token in vec:
            posting = postings[token]
            if len(posting) <= MAX_POSTING:
                candidates.update(j for j in posting if j > i)
        for j in candidates:
            score = cosine(vec, vecs[j])
            if score >= threshold:
                pairs.append((i, j, round(score, 4)))
    return pairs


@dataclass(frozen=True)
class Cluster:
    members: tuple[int, ...]  # indexes into the texts given, in their order
    score: float  # the highest pair score inside the cluster


def clusters(texts: Sequence[str], *, threshold: float = CLUSTER_THRESHOLD) -> list[Cluster]:
    """Groups of two or more texts, greedily: the text with the strongest pair leads a group
    of every still-free text at or above `threshold` with it; then the next. A group is a star
    around its leader, never a chain (connected components chain A~B~C~D into one group of
    texts that have little in common). The strongest groups first."""
    vecs = vectors([tokens(t) for t in texts])
    neighbours: dict[int, dict[int, float]] = defaultdict(dict)
    for i, j, score in similar_pairs(vecs, threshold):
        neighbours[i][j] = score
        neighbours[j][i] = score
    order = sorted(neighbours, key=lambda i: (-max(neighbours[i].values()), -len(neighbours[i]), i))
    taken: set[int] = set()
    found = []
    for leader in order:
        if leader in taken:
            continue
        free = {j: s for j, s in neighbours[leader].items() if j not in taken}
        if not free:
            continue
        members = tuple(sorted([leader, *free]))
        taken.update(members)
        found.append(Cluster(members, max(free.values())))
    return sorted(found, key=lambda c: (-len(c.members), -c.score, c.members))


def matches(text: str, candidates: Sequence[str], *, threshold: float = REBOUND_THRESHOLD) -> list[tuple[int, float]]:
    """(index, score) of the candidates that read like `text`, the closest first."""
    if not candidates:
        return []
    vecs = vectors([tokens(text)] + [tokens(c) for c in candidates])
    found = [(i, round(cosine(vecs[0], v), 4)) for i, v in enumerate(vecs[1:])]
    return sorted([(i, s) for i, s in found if s >= threshold], key=lambda p: (-p[1], p[0]))
