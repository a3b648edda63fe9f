from django.urls import path

from xuncha.common import views

app_name = "common"
urlpatterns = [
    path("", views.list_index, name="lists"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/mark/", views.mark, name="mark"),
    path("items/<int:pk>/unmark/<int:problem>/", views.unmark, name="unmark"),
    path("<int:pk>/checks/", views.checks, name="checks"),
    path("<int:pk>/checks.xlsx", views.checks_export, name="checks_export"),
    path("<int:pk>/export.xlsx", views.list_export, name="export"),
    path("self-checks/", views.my_reaches, name="my_reaches"),
    path("reach/<int:pk>/", views.reach, name="reach"),
    path("rebound/inspection/<int:pk>/", views.rebounds, name="rebounds"),
    path("rebound/<str:kind>/<int:pk>/", views.rebound_check, name="rebound"),
]
