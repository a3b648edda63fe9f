"""The report benchmark reads seed 004 from the demo's fixtures (it lost its path once, when the
benchmarks moved beside xuncha/, and only `make bench` noticed)."""

from benchmarks.reports import long_report


def test_the_long_report_is_seed_004_repeated():
    text = long_report(0.05)
    assert len(text.encode()) >= 0.05 * 2**20
    assert text.startswith("2021年1月11日") and text.count("中共厦门市湖里区委\n2022年2月22日") > 1
