from django.urls import path

from xuncha.inspections import views

app_name = "inspections"
urlpatterns = [
    path("", views.inspection_list, name="list"),
    path("export.xlsx", views.inspection_export, name="export"),
    path("new/", views.inspection_create, name="create"),
    path("<int:pk>/", views.inspection_detail, name="detail"),
    path("<int:pk>/dates/", views.inspection_dates, name="dates"),
    path("<int:pk>/targets/add/", views.target_add, name="target_add"),
    path("<int:pk>/team/add/", views.member_add, name="member_add"),
    path("team/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("<int:pk>/indicators/new/", views.indicator_add, name="indicator_add"),
    path("indicators/<int:pk>/readings/new/", views.reading_add, name="reading_add"),
    path("<int:pk>/requests/new/", views.request_add, name="request_add"),
    path("requests/<int:pk>/reply/", views.request_reply, name="request_reply"),
    path("<int:pk>/announcement/", views.announcement_page, name="announcement"),
    path("<int:pk>/announcement.docx", views.announcement_docx, name="announcement_docx"),
    path("<int:pk>/announcement.pdf", views.announcement_pdf, name="announcement_pdf"),
    path("<int:pk>/contact/", views.announcement_contact, name="announcement_contact"),
]
