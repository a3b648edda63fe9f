from django.urls import path

from xuncha.clues import views

app_name = "clues"
urlpatterns = [
    path("", views.clue_list, name="list"),
    path("export.xlsx", views.clue_export, name="export"),
    path("new/", views.clue_create, name="create"),
    path("supervision/", views.supervision, name="supervision"),
    path("figures/", views.figures, name="figures"),
    path("people/", views.people_list, name="people"),
    path("<int:pk>/", views.clue_detail, name="detail"),
    path("<int:pk>/sign/", views.clue_sign, name="sign"),
    path("<int:pk>/transfer/", views.clue_transfer, name="transfer"),
    path("<int:pk>/acknowledge/", views.clue_acknowledge, name="acknowledge"),
    path("<int:pk>/handling/", views.clue_handling, name="handling"),
    path("<int:pk>/conclude/", views.clue_conclude, name="conclude"),
    path("<int:pk>/report-back/", views.clue_report_back, name="report_back"),
    path("<int:pk>/outcome/", views.clue_record_outcome, name="record_outcome"),
]
