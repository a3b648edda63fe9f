from django.urls import path

from xuncha.rectification import levels_views, views

app_name = "rectification"
urlpatterns = [
    path("inspection/<int:pk>/", views.overview, name="overview"),
    path("inspection/<int:pk>/start/", views.plan_start, name="plan_start"),
    path("inspection/<int:pk>/board/", views.board, name="board"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("plans/<int:pk>/<slug:verb>/", views.plan_action, name="plan_action"),
    path("measures/<int:pk>/", views.measure_detail, name="measure"),
    path("measures/<int:pk>/<slug:verb>/", views.measure_action, name="measure_action"),
    path("problems/<int:pk>/", views.problem_detail, name="problem"),
    path("my-tasks/", views.my_tasks, name="my_tasks"),
    path("figures/", views.figures_page, name="figures"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("levels/", levels_views.level_rates, name="levels"),
    path("clearance/", levels_views.clearance, name="clearance"),
    path("clearance/export.xlsx", levels_views.clearance_export, name="clearance_export"),
]
