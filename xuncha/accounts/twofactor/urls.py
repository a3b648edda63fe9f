from django.urls import path

from xuncha.accounts.twofactor import views

app_name = "two_factor"
urlpatterns = [
    path("", views.manage, name="manage"),
    path("verify/", views.verify, name="verify"),
    path("enrol/", views.enrol, name="enrol"),
    path("enrol/qr.svg", views.enrol_qr, name="enrol_qr"),
    path("recovery-codes/", views.renew_codes, name="renew_codes"),
    path("remove/", views.remove, name="remove"),
]
