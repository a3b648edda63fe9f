from django.urls import path

from xuncha.surveys import views

app_name = "surveys"
urlpatterns = [
    path("", views.questionnaire_list, name="list"),
    path("new/", views.questionnaire_create, name="create"),
    path("<int:pk>/", views.questionnaire_detail, name="detail"),
    path("<int:pk>/questions/", views.question_add, name="question_add"),
    path("<int:pk>/version/", views.questionnaire_version, name="version"),
    path("<int:pk>/open/", views.questionnaire_open, name="open"),
    path("<int:pk>/figures/", views.questionnaire_stats, name="stats"),
    path("<int:pk>/export.xlsx", views.questionnaire_export, name="export"),
    path("questions/<int:pk>/", views.question_edit, name="question_edit"),
    path("questions/<int:pk>/move/", views.question_move, name="question_move"),
    path("questions/<int:pk>/delete/", views.question_delete, name="question_delete"),
    path("windows/<int:pk>/", views.window_stats, name="window"),
    path("windows/<int:pk>/close/", views.window_close, name="window_close"),
    path("windows/<int:pk>/texts/", views.window_texts, name="window_texts"),
    path("windows/<int:pk>/export.xlsx", views.window_export, name="window_export"),
]
