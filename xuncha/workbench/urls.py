from django.urls import path

from xuncha.workbench import views

app_name = "workbench"
urlpatterns = [
    path("<str:key>/", views.queue_page, name="queue"),
]
