from django.urls import path

from xuncha.staffing import views

app_name = "staffing"
urlpatterns = [
    path("pools/", views.pool_list, name="pools"),
    path("pools/new/", views.pool_create, name="pool_create"),
    path("pools/<int:pk>/", views.pool_detail, name="pool"),
    path("pools/<int:pk>/members/add/", views.pool_member_add, name="pool_member_add"),
    path("team/<int:pk>/evaluate/", views.member_evaluate, name="evaluate"),
    path("inspections/<int:pk>/propose/", views.propose, name="propose"),
    path("inspections/<int:pk>/appraise/", views.appraise_team, name="appraise"),
]
