from django.urls import path

from dure.reports import views

app_name = "reports"

urlpatterns = [
    path("annual/", views.annual_report, name="annual_report"),
    path("editions/", views.edition_list, name="edition_list"),
    path("editions/<int:pk>/", views.edition_detail, name="edition_detail"),
    path("editions/<int:pk>/edit/", views.edition_edit, name="edition_edit"),
    path(
        "editions/<int:pk>/sections/<int:section_pk>/edit/",
        views.section_edit,
        name="section_edit",
    ),
    path("editions/<int:pk>/check/", views.edition_check, name="edition_check"),
    path("editions/<int:pk>/build/<str:file_format>/", views.edition_build, name="edition_build"),
    path("editions/<int:pk>/freeze/", views.edition_freeze, name="edition_freeze"),
    path("editions/<int:pk>/copy/", views.edition_copy, name="edition_copy"),
    path("editions/<int:pk>/diff/", views.edition_diff, name="edition_diff"),
    path("jobs/<int:pk>/", views.job_detail, name="job_detail"),
    path("files/<int:pk>/", views.file_download, name="file_download"),
]
