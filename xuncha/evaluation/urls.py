from django.urls import path

from xuncha.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("", views.evaluation_list, name="list"),
    path("new/", views.evaluation_create, name="create"),
    path("<int:pk>/", views.evaluation_detail, name="detail"),
    path("<int:pk>/score/", views.evaluation_score, name="score"),
    path("<int:pk>/figure/", views.evaluation_figure, name="figure"),
    path("<int:pk>/step/<slug:verb>/", views.evaluation_step, name="step"),
    path("terms/<int:pk>/", views.term_table, name="term"),
    path("terms/<int:pk>/export.xlsx", views.term_export, name="term_export"),
    path("schemes/", views.scheme_list, name="schemes"),
    path("schemes/new/", views.scheme_create, name="scheme_create"),
    path("schemes/<int:pk>/", views.scheme_detail, name="scheme"),
    path("schemes/items/<int:pk>/", views.scheme_item_edit, name="item_edit"),
    path("schemes/items/<int:pk>/remove/", views.scheme_item_remove, name="item_remove"),
    path("schemes/<int:pk>/<slug:part>/", views.scheme_add, name="scheme_add"),
]
