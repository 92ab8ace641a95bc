from django.urls import path

from dure.education import views

app_name = "education"

urlpatterns = [
    path("catalogue/", views.catalogue, name="catalogue"),
    path("instructors/", views.instructor_list, name="instructor_list"),
    path("instructors/<int:pk>/edit/", views.instructor_edit, name="instructor_edit"),
    path("courses/<int:pk>/sessions/add/", views.session_add, name="course_session_add"),
    path(
        "courses/<int:pk>/sessions/<int:session>/delete/",
        views.session_delete,
        name="course_session_delete",
    ),
    path("courses/<int:pk>/enrolments/add/", views.enrolment_add, name="course_enrolment_add"),
    path("courses/<int:pk>/attendance/", views.attendance_save, name="course_attendance"),
    path("courses/<int:pk>/survey/add/", views.survey_add, name="course_survey_add"),
    path("courses/<int:pk>/outcomes/add/", views.outcome_add, name="course_outcome_add"),
    path(
        "youth-sessions/<int:pk>/programmes/add/",
        views.programme_add,
        name="youth_session_programme_add",
    ),
    path("materials/", views.material_list, name="material_list"),
]
urlpatterns += views.SCREENS.urls()
