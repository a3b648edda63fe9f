"""/bench/…: the baseline and the floors of the HTTP benchmark (`benchmarks.http`), mounted by
xuncha/urls.py only when settings.XUNCHA_BENCH is on."""

from django.urls import path

from benchmarks import views

urlpatterns = [
    path("hello", views.hello, name="bench_hello"),
    path("layout", views.layout, name="bench_layout"),
    path("rows", views.rows, name="bench_rows"),
    path("prepared", views.prepared, name="bench_prepared"),
]
