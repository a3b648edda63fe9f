from django.urls import path

from xuncha.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.term_list, name="terms"),
    path("new/", views.term_create, name="term_create"),
    path("<int:pk>/", views.term_detail, name="term"),
    path("<int:pk>/scope/", views.scope_rule_add, name="scope_add"),
    path("<int:pk>/joint-review/", views.joint_review_set, name="joint_review"),
    path("<int:pk>/rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:pk>/batches/new/", views.batch_create, name="batch_create"),
    path("batch-options/", views.batch_options, name="batch_options"),
    path("<int:pk>/coverage/", views.term_coverage, name="coverage"),
    path("<int:pk>/coverage.xlsx", views.term_coverage_export, name="coverage_export"),
]
