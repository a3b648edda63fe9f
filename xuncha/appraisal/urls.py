from django.urls import path

from xuncha.appraisal import views

app_name = "appraisal"
urlpatterns = [
    path("", views.appraisal_list, name="list"),
    path("schemes/new/", views.scheme_create, name="scheme_create"),
    path("schemes/<int:pk>/", views.scheme_detail, name="scheme"),
    path("schemes/<int:pk>/table/", views.scheme_table, name="table"),
    path("schemes/<int:pk>/export.xlsx", views.scheme_export, name="export"),
    path("schemes/<int:pk>/start/", views.appraisal_start, name="start"),
    path("schemes/<int:pk>/<slug:part>/", views.scheme_add, name="scheme_add"),
    path("items/<int:pk>/remove/", views.item_remove, name="item_remove"),
    path("<int:pk>/", views.appraisal_detail, name="detail"),
    path("<int:pk>/score/", views.appraisal_score, name="score"),
    path("<int:pk>/step/<slug:verb>/", views.appraisal_step, name="step"),
]
