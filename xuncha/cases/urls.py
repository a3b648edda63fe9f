from django.urls import path

from xuncha.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("export.xlsx", views.case_export, name="export"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/edit/", views.case_edit, name="edit"),
    path("<int:pk>/publish/", views.case_publish, name="publish"),
    path("<int:pk>/uses/add/", views.use_add, name="use_add"),
    path("<int:pk>/archive/", views.case_archive, name="archive"),
    path("draft/problem/<int:pk>/", views.draft_from_problem, name="draft_from_problem"),
    path("draft/clue/<int:pk>/", views.draft_from_clue, name="draft_from_clue"),
]
