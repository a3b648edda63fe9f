from django.urls import path

from xuncha.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("export.xlsx", views.meeting_export, name="export"),
    path("new/", views.meeting_create, name="create"),
    path("figures/", views.leader_figures, name="figures"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<int:pk>/items/", views.meeting_add_item, name="add_item"),
    path("<int:pk>/follow-ups/", views.meeting_add_follow_up, name="add_follow_up"),
    path("<int:pk>/minutes.docx", views.minutes_docx, name="minutes_docx"),
    path("<int:pk>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("follow-ups/<int:pk>/", views.follow_up_detail, name="follow_up"),
    path("follow-ups/<int:pk>/done/", views.follow_up_complete, name="follow_up_complete"),
]
