"""Calendar arithmetic for due dates."""

import calendar
from datetime import date


def add_months(start: date, months: int) -> date:
    """The same day `months` later, clamped to the month's last day (1月31日 + 1 → 2月28日)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def chinese_date(day: date) -> str:
    """2025年2月20日, as official documents write dates."""
    return f"{day.year}年{day.month}月{day.day}日"
