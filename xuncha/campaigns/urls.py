from django.urls import path

from xuncha.campaigns import views

app_name = "campaigns"
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("new/", views.campaign_create, name="create"),
    path("<int:pk>/", views.campaign_detail, name="detail"),
    path("<int:pk>/inspections/add/", views.inspection_add, name="inspection_add"),
    path("inspections/<int:pk>/remove/", views.inspection_remove, name="inspection_remove"),
]
