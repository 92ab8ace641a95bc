from django.urls import path

from dure.programs import views

app_name = "programs"

urlpatterns = [
    path("plan/", views.plan, name="plan"),
    path("plan/copy/", views.plan_copy, name="plan_copy"),
    path("plan/import/", views.plan_upload, name="plan_upload"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator_detail"),
    path("indicators/<int:pk>/target/", views.indicator_target, name="indicator_target"),
    path("indicators/<int:pk>/status/", views.indicator_status, name="indicator_status"),
    path("indicators/<int:pk>/manual/", views.indicator_manual, name="indicator_manual"),
    path("indicators/<int:pk>/records/", views.indicator_records, name="indicator_records"),
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/grid/", views.activity_grid, name="activity_grid"),
    path("activities/import/", views.activity_upload, name="activity_upload"),
]
