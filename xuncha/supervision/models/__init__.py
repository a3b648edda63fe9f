"""Supervision (督办): deadline warnings, notifications, supervision documents and interviews."""

from xuncha.supervision.models.accountability import Accountability
from xuncha.supervision.models.documents import SupervisionDocument
from xuncha.supervision.models.interviews import Interview
from xuncha.supervision.models.ladder import MeasureWarning, SupervisionSettings, WarningRule
from xuncha.supervision.models.notifications import Notification

__all__ = [
    "Accountability",
    "Interview",
    "MeasureWarning",
    "Notification",
    "SupervisionDocument",
    "SupervisionSettings",
    "WarningRule",
]
