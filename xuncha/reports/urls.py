from django.urls import path

from xuncha.reports import views

app_name = "reports"
urlpatterns = [
    path("inspection/<int:pk>/org/<int:org_pk>/", views.progress_report, name="progress"),
    path("inspection/<int:pk>/org/<int:org_pk>/report.docx", views.progress_report_docx, name="progress_docx"),
    path("inspection/<int:pk>/org/<int:org_pk>/report.pdf", views.progress_report_pdf, name="progress_pdf"),
    path("inspection/<int:pk>/import/", views.upload, name="upload"),
    path("uploads/<int:pk>/", views.review, name="review"),
]
