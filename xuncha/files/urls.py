from django.urls import path

from xuncha.files import views

app_name = "files"
urlpatterns = [path("<int:pk>/", views.download, name="download")]
