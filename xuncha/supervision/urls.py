from django.urls import path

from xuncha.supervision.views import accountability, documents, interviews, notifications, term_settings, warnings

app_name = "supervision"
urlpatterns = [
    path("warnings/", warnings.warning_list, name="warnings"),
    path("warnings/export.xlsx", warnings.warning_export, name="warning_export"),
    path("documents/export.xlsx", documents.document_export, name="document_export"),
    path("interviews/export.xlsx", interviews.interview_export, name="interview_export"),
    path("inspections/<int:pk>/warnings/", warnings.warning_list, name="inspection_warnings"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/settings/", notifications.notification_settings, name="notification_settings"),
    path("notifications/badge/", notifications.unread_badge, name="unread_badge"),
    path("notifications/read-all/", notifications.notifications_read_all, name="notifications_read_all"),
    path("notifications/<int:pk>/read/", notifications.notification_read, name="notification_read"),
    path("terms/<int:pk>/", term_settings.term_settings, name="term_settings"),
    path("documents/", documents.document_list, name="documents"),
    path("documents/new/", documents.document_create, name="document_create"),
    path("documents/<int:pk>/", documents.document_detail, name="document"),
    path("documents/<int:pk>/edit/", documents.document_edit, name="document_edit"),
    path("documents/<int:pk>/issue/", documents.document_issue, name="document_issue"),
    path("documents/<int:pk>/answer/", documents.document_answer, name="document_answer"),
    path("documents/<int:pk>/return/", documents.document_return, name="document_return"),
    path("documents/<int:pk>/close/", documents.document_close, name="document_close"),
    path("documents/<int:pk>/discard/", documents.document_discard, name="document_discard"),
    path("documents/<int:pk>/docx/", documents.document_docx, name="document_docx"),
    path("documents/<int:pk>/pdf/", documents.document_pdf, name="document_pdf"),
    path("accountability/", accountability.accountability_list, name="accountability"),
    path("accountability/export.xlsx", accountability.accountability_export, name="accountability_export"),
    path("accountability/new/", accountability.accountability_create, name="accountability_create"),
    path("interviews/", interviews.interview_list, name="interviews"),
    path("interviews/new/", interviews.interview_create, name="interview_create"),
    path("interviews/<int:pk>/", interviews.interview_detail, name="interview"),
    path("interviews/<int:pk>/edit/", interviews.interview_edit, name="interview_edit"),
]
