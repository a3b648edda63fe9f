"""The one exception the parsing package lets out: the input cannot be read at all.

Callers (the CLI, the upload view) catch only this; any other exception escaping the
package is a bug. It carries a Message (parsing/messages.py): `str(error)` is the one-line
English reason, `error.message.render(gettext)` the translated one
(xuncha.reports.check_labels.parse_error_message).
"""

from .messages import Message


class ReportParseError(ValueError):
    """The input cannot be read as a document."""

    def __init__(self, message: Message | str, **params) -> None:
        self.message = message if isinstance(message, Message) else Message(message, params)
        super().__init__(self.message.render())
