from django.urls import path

from xuncha.accounts import views

app_name = "accounts"
urlpatterns = [
    path("grants/", views.grant_list, name="grants"),
    path("grants/export.xlsx", views.grant_export, name="grant_export"),
    path("grants/new/", views.grant_create, name="grant_create"),
    path("grants/<int:pk>/revoke/", views.grant_revoke, name="grant_revoke"),
    path("users/", views.user_list, name="users"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<int:pk>/", views.user_detail, name="user"),
    path("users/<int:pk>/active/", views.user_set_active, name="user_set_active"),
    path("users/<int:pk>/password/", views.user_reset_password, name="user_password"),
    path("users/<int:pk>/confirm/", views.user_confirm, name="user_confirm"),
    path("users/<int:pk>/person/", views.user_link_person, name="user_link_person"),
]
