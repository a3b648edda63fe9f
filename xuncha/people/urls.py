from django.urls import path

from xuncha.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("export.xlsx", views.person_export, name="export"),
    path("new/", views.person_create, name="create"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("<int:pk>/archive/", views.person_archive, name="archive"),
    path("<int:pk>/employments/new/", views.employment_create, name="employment_create"),
    path("<int:pk>/relatives/new/", views.relative_create, name="relative_create"),
]
