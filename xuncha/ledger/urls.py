from django.urls import path

from xuncha.ledger import views

app_name = "ledger"
urlpatterns = [
    path("", views.ledger_list, name="list"),
    path("export.xlsx", views.ledger_list_export, name="list_export"),
    path("inspection/<int:pk>/export.xlsx", views.export_inspection, name="export_inspection"),
    path("term/<int:pk>/export.xlsx", views.export_term, name="export_term"),
    path("inspection/<int:pk>/import/", views.import_ledger, name="import"),
    path("jobs/<int:pk>/", views.job, name="job"),
    path("jobs/<int:pk>/cancel/", views.job_cancel, name="job_cancel"),
    path("jobs/<int:pk>/download/", views.job_download, name="job_download"),
]
