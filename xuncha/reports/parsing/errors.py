"""The one exception the parsing package lets out.

Callers (the CLI, a future upload view) catch only this; any other exception
escaping the package is a bug. The message is a plain one-line English string,
translated by the caller.
"""


class ReportParseError(ValueError):
    """The input cannot be read as a rectification report."""
