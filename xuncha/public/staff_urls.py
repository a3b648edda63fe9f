"""The staff side of 码上巡 (staff_views.py), mounted by the staff site at /qr/."""

from django.urls import path

from xuncha.public import staff_views

app_name = "public_staff"
urlpatterns = [
    path("inspections/<int:pk>/", staff_views.inspection_channel, name="inspection"),
    path("inspections/<int:pk>/publish/", staff_views.publish, name="publish"),
    path("pages/<int:pk>/withdraw/", staff_views.withdraw, name="withdraw"),
    path("pages/<int:pk>/poster.pdf", staff_views.poster_pdf, name="poster_pdf"),
    path("pages/<int:pk>/poster.png", staff_views.poster_png, name="poster_png"),
]
