from django.urls import path

from xuncha.petitions import views

app_name = "petitions"
urlpatterns = [
    path("", views.petition_list, name="list"),
    path("export.xlsx", views.petition_export, name="export"),
    path("new/", views.petition_create, name="create"),
    path("<int:pk>/", views.petition_detail, name="detail"),
    path("fixes/", views.fix_list, name="fixes"),
    path("fixes/<int:pk>/", views.fix_detail, name="fix"),
]
