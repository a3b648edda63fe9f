from django.urls import path

from xuncha.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.organisation_tree, name="tree"),
    path("list/", views.organisation_list, name="list"),
    path("export.xlsx", views.organisation_export, name="export"),
    path("<int:pk>/", views.organisation_detail, name="detail"),
    path("<int:pk>/children/", views.organisation_children, name="children"),
    path("<int:parent_pk>/new/", views.organisation_create, name="create"),
    path("<int:pk>/edit/", views.organisation_edit, name="edit"),
    path("<int:pk>/move/", views.organisation_move, name="move"),
    path("<int:pk>/archive/", views.organisation_archive, name="archive"),
]
