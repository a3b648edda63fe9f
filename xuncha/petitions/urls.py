from django.urls import path

from xuncha.petitions import views

app_name = "petitions"
urlpatterns = [
    path("", views.petition_list, name="list"),
    path("export.xlsx", views.petition_export, name="export"),
    path("new/", views.petition_create, name="create"),
    path("<int:pk>/", views.petition_detail, name="detail"),
    path("<int:pk>/clue/", views.petition_to_clue, name="to_clue"),
    path("<int:pk>/fix/", views.petition_to_fix, name="to_fix"),
    path("<int:pk>/finding/", views.petition_to_finding, name="to_finding"),
    path("<int:pk>/refuse/", views.petition_refuse, name="refuse"),
    path("<int:pk>/conclude/", views.petition_conclude, name="conclude"),
    path("fixes/", views.fix_list, name="fixes"),
    path("fixes/export.xlsx", views.fix_export, name="fix_export"),
    path("fixes/new/", views.fix_hand_over, name="fix_hand_over"),
    path("fixes/<int:pk>/", views.fix_detail, name="fix"),
    path("fixes/<int:pk>/result/", views.fix_result, name="fix_result"),
    path("fixes/<int:pk>/answer/", views.fix_answer, name="fix_answer"),
]
