from django.urls import path

from xuncha.talks import views

app_name = "talks"
urlpatterns = [
    path("inspection/<int:pk>/", views.talk_list, name="list"),
    path("inspection/<int:pk>/export.xlsx", views.talk_export, name="export"),
    path("inspection/<int:pk>/new/", views.talk_create, name="create"),
    path("inspection/<int:pk>/plan/add/", views.plan_item_add, name="plan_item_add"),
    path("<int:pk>/", views.talk_detail, name="detail"),
    path("<int:pk>/edit/", views.talk_edit, name="edit"),
    path("<int:pk>/archive/", views.talk_archive, name="archive"),
]
