from django.urls import path

from xuncha.followup import views

app_name = "followup"
urlpatterns = [
    path("from/<int:pk>/", views.create_follow_up, name="create"),
    path("<int:pk>/rechecks/", views.recheck_list, name="rechecks"),
    path("rechecks/<int:pk>/verdict/", views.record_verdict, name="verdict"),
]
