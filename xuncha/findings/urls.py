from django.urls import path

from xuncha.findings import views

app_name = "findings"
urlpatterns = [
    path("inspection/<int:pk>/", views.finding_list, name="list"),
    path("inspection/<int:pk>/export.xlsx", views.finding_export, name="export"),
    path("inspection/<int:pk>/feedback/", views.feedback, name="feedback"),
    path("inspection/<int:pk>/feedback/paste/", views.paste, name="paste"),
    path("inspection/<int:pk>/feedback/correction/<str:verb>/", views.correction, name="correction"),
    path("inspection/<int:pk>/feedback/versions/<int:number>/", views.version, name="version"),
    path("feedback/<str:kind>/<int:pk>/<str:verb>/", views.node_step, name="node_step"),
    path("<int:pk>/promote/", views.finding_promote, name="promote"),
    path("problems/<int:pk>/edit/", views.problem_edit, name="problem_edit"),
    path("item-options/", views.item_options, name="item_options"),
]
