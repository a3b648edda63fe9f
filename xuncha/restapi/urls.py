from django.urls import path

from xuncha.restapi import views

app_name = "restapi"
urlpatterns = [
    path("", views.tokens, name="tokens"),
    path("<int:pk>/revoke/", views.revoke, name="revoke"),
]
