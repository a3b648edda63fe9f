from django.urls import path

from xuncha.results import views

app_name = "results"
urlpatterns = [
    path("", views.result_list, name="list"),
    path("export.xlsx", views.result_export, name="export"),
    path("figures/", views.result_figures, name="figures"),
    path("new/", views.result_create, name="create"),
    path("inspections/<int:pk>/reminder-letter/", views.reminder_letter, name="reminder_letter"),
    path("<int:pk>/", views.result_detail, name="detail"),
    path("<int:pk>/edit/", views.result_edit, name="edit"),
    path("<int:pk>/issue/", views.result_issue, name="issue"),
    path("<int:pk>/reply/", views.result_reply, name="reply"),
    path("<int:pk>/discard/", views.result_discard, name="discard"),
    path("<int:pk>/docx/", views.result_docx, name="docx"),
    path("<int:pk>/pdf/", views.result_pdf, name="pdf"),
]
