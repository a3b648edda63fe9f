"""Formula-like text in exported cells, neutralised as OWASP recommends (CSV injection).

A cell whose text starts with = + - @, a tab or a carriage return is one keystroke away from
being a formula: written as text it is safe only until someone edits the cell, and Excel then
runs it (``=HYPERLINK("http://…")``, ``=cmd|…``). OWASP's answer is a leading apostrophe. In an
.xlsx the apostrophe is not a character of the text but the cell's quote prefix (the
``quotePrefix`` attribute of its style), which is exactly how Excel itself stores a typed
``'=1+1``: the cell shows the text as it is, the formula bar shows the apostrophe, and the
cell stays text however often it is edited.

The text itself is unchanged, so a file read back (a re-imported ledger) holds the very text
that was exported: the neutralising needs no undoing. Text that starts with an apostrophe is
quote-prefixed too: Excel drops a typed leading apostrophe when a cell is edited, and the
prefix makes it keep the one that belongs to the text.
"""

# What makes a spreadsheet read the rest as a formula (OWASP), and the apostrophe that
# spreadsheets themselves take as "text follows".
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
NEEDS_PREFIX = (*FORMULA_START, QUOTE)


def needs_quote_prefix(value) -> bool:
    """Whether `value` is text that a spreadsheet could turn into a formula (or whose leading
    apostrophe it would swallow) once the cell is edited."""
    return value.__class__ is str and value.startswith(NEEDS_PREFIX)
