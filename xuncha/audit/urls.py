from django.urls import path

from xuncha.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("export.xlsx", views.event_export, name="export"),
]
