"""The questionnaires of one 码上巡 page: /m/<code>/q/ (included by xuncha/public/urls.py)."""

from django.urls import path

from xuncha.surveys import public_views

urlpatterns = [
    path("", public_views.questionnaires, name="questionnaires"),
    path("<int:window_id>/", public_views.answer, name="questionnaire"),
]
