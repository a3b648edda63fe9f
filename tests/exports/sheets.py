"""Reading back what the xlsx writer wrote, as Excel would."""


def column_widths(sheet) -> dict[int, int]:
    """{column number (1-based): width in characters} of an openpyxl sheet. Adjacent columns of
    the same width are stored as one range, which openpyxl keys by its first letter only; the
    0.71 xlsxwriter adds for the cell margin is dropped."""
    widths = {}
    for dimension in sheet.column_dimensions.values():
        if dimension.min is None or dimension.width is None:
            continue
        for number in range(dimension.min, dimension.max + 1):
            widths[number] = int(dimension.width)
    return widths
