"""The public site's whole URL configuration: the 码上巡 pages and nothing else."""

from django.urls import include, path

from xuncha.public import views

handler500 = "xuncha.web.outage.server_error"
# the shared handlers, rendering the public site's own templates (public/site_templates)
handler404 = "xuncha.web.errors.page_not_found"
handler403 = "xuncha.web.errors.page_not_found"

urlpatterns = [
    path("", views.landing, name="public_landing"),
    path("m/", include("xuncha.public.urls")),
]
