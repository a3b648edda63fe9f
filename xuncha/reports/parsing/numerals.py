"""Chinese numerals, as reports write counts ("五方面", "二十一个专题") and headings ("(十二)").

Two spellings occur: with units (二十一, 一百零五, 两千) and digit by digit, as in
years (二〇二二). Both are read; writing always uses units.
"""

import re

DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "万"

# A count in the text: Arabic (possibly with thousands commas or decimals) or Chinese.
NUMBER_PATTERN = rf"(?:(?<![\d.])\d{{1,3}}(?:,\d{{3}})+(?![\d])|(?<![\d.])\d+(?:\.\d+)?|[{NUMERAL_CHARS}]+)"

_WRITE_DIGITS = "零一二三四五六七八九"


def chinese_to_int(text: str) -> int:
    """Read a Chinese numeral; raise ValueError when `text` is not one."""
    if not text or any(ch not in NUMERAL_CHARS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if not any(ch in SMALL_UNITS or ch == "万" for ch in text):
        if len(text) == 1:
            return DIGITS[text]
        if "两" in text:
            raise ValueError(f"not a Chinese numeral: {text!r}")
        return int("".join(str(DIGITS[ch]) for ch in text))
    if text.count("万") > 1:
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if "万" in text:
        high, _, low = text.partition("万")
        high_value = _below_ten_thousand(high) if high else 1
        return high_value * 10000 + (_below_ten_thousand(low) if low else 0)
    return _below_ten_thousand(text)


def _below_ten_thousand(text: str) -> int:
    total = 0
    pending: int | None = None
    last_unit = 10000
    for ch in text:
        if ch in DIGITS:
            if pending is not None:
                raise ValueError(f"not a Chinese numeral: {text!r}")
            pending = DIGITS[ch]
            if pending == 0:
                pending = None
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            if unit >= last_unit:
                raise ValueError(f"not a Chinese numeral: {text!r}")
            if pending is None:
                # "十七" means 17; "一百十" is unusual but unambiguous.
                if unit != 10:
                    raise ValueError(f"not a Chinese numeral: {text!r}")
                pending = 1
            total += pending * unit
            pending = None
            last_unit = unit
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    if pending is not None:
        total += pending
    return total


def int_to_chinese(value: int) -> str:
    """Write 0 ≤ value < 100 000 000 the way documents do (十七, 二十一, 一百零五)."""
    if value < 0 or value >= 100_000_000:
        raise ValueError(f"out of range: {value}")
    if value == 0:
        return "零"
    high, low = divmod(value, 10000)
    if high:
        text = _write_below_ten_thousand(high)
        text = (text[1:] if 10 <= high < 20 else text) + "万"
        if low:
            text += ("零" if low < 1000 else "") + _write_below_ten_thousand(low)
        return text
    text = _write_below_ten_thousand(low)
    # 10–19 are written 十, 十一 … 十九, not 一十一.
    return text[1:] if 10 <= value < 20 else text


def _write_below_ten_thousand(value: int) -> str:
    parts: list[str] = []
    zero_pending = False
    for unit_value, unit_char in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, value = divmod(value, unit_value)
        if digit:
            if zero_pending and parts:
                parts.append("零")
            parts.append(_WRITE_DIGITS[digit] + unit_char)
            zero_pending = False
        else:
            zero_pending = True
    return "".join(parts)


_ARABIC = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def parse_number(text: str) -> int | float:
    """Read a count written in Arabic or Chinese numerals."""
    text = text.strip()
    if _ARABIC.fullmatch(text):
        cleaned = text.replace(",", "")
        return float(cleaned) if "." in cleaned else int(cleaned)
    return chinese_to_int(text)
