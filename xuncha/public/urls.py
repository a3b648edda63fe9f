"""The public pages, mounted at /m/ by the public site (site_urls.py) and, in development, by
the staff site (XUNCHA_PUBLIC_ON_STAFF_SITE)."""

from django.urls import include, path

from xuncha.public import views

app_name = "public"
urlpatterns = [
    path("track/", views.track, name="track"),
    path("captcha/<str:challenge>.png", views.captcha_image, name="captcha"),
    path("<str:token>/", views.page, name="page"),
    path("<str:token>/report/", views.report, name="report"),
    path("<str:token>/q/", include("xuncha.surveys.public_urls")),
]
