"""Date formats of zh-hans over Django's own (which stay in force for everything not set here).

Shown: Django's DATE_FORMAT "Y年n月j日" (2026年12月5日). Typed: ISO first (what a date input
posts), then 2026/12/05 and 2026年12月5日; Django's own pattern for the last one, "%Y年%n月%j日",
reads %j as the day of the year and never matches.
"""

DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2026-12-05, what <input type="date"> posts
    "%Y/%m/%d",  # 2026/12/05
    "%Y年%m月%d日",  # 2026年12月5日 (%m and %d accept one digit)
]
