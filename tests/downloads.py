"""Reading a download's Content-Disposition as a browser does (RFC 6266 with RFC 5987)."""

import re
from urllib.parse import unquote


def download_name(response) -> tuple[str, str]:
    """(the UTF-8 name, the ASCII fallback) of an attachment; fails on anything else."""
    header = response["Content-Disposition"]
    # RFC 5987 attr-chars only (the helper percent-encodes all else), an ASCII name without quotes
    found = re.fullmatch(r"attachment; filename=\"([\x20-\x7e]+)\"; filename\*=UTF-8''([A-Za-z0-9%._~-]+)", header)
    assert found, f"not an attachment with an RFC 5987 name and an ASCII one: {header!r}"
    plain, encoded = found.groups()
    assert '"' not in plain and "\\" not in plain and "/" not in plain
    return unquote(encoded, encoding="utf-8", errors="strict"), plain
