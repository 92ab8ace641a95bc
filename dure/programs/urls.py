from django.urls import path

from dure.programs import views

app_name = "programs"

urlpatterns = [
    path("plan/", views.plan, name="plan"),
    path("plan/copy/", views.plan_copy, name="plan_copy"),
    path("plan/areas/new/", views.area_create, name="area_create"),
    path("plan/areas/<int:pk>/edit/", views.area_edit, name="area_edit"),
    path("plan/areas/<int:area_pk>/programs/new/", views.program_create, name="program_create"),
    path("plan/programs/<int:pk>/edit/", views.program_edit, name="program_edit"),
    path(
        "plan/programs/<int:program_pk>/sub-programs/new/",
        views.sub_program_create,
        name="sub_program_create",
    ),
    path("plan/sub-programs/<int:pk>/edit/", views.sub_program_edit, name="sub_program_edit"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator_detail"),
    path("indicators/<int:pk>/target/", views.indicator_target, name="indicator_target"),
    path("indicators/<int:pk>/status/", views.indicator_status, name="indicator_status"),
    path("indicators/<int:pk>/manual/", views.indicator_manual, name="indicator_manual"),
    path("indicators/<int:pk>/records/", views.indicator_records, name="indicator_records"),
    path("indicators/<int:pk>/evidence/", views.indicator_evidence, name="indicator_evidence"),
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/grid/", views.activity_grid, name="activity_grid"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/delete/", views.activity_delete, name="activity_delete"),
    path("activities/<int:pk>/attachment/", views.activity_attachment, name="activity_attachment"),
]
