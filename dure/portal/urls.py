from django.urls import path

from dure.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("signup/", views.signup, name="signup"),
    path("announcements/", views.announcement_list, name="announcement_list"),
    path("announcements/<int:pk>/", views.announcement_detail, name="announcement_detail"),
    path("announcements/<int:pk>/apply/", views.apply, name="apply"),
    path("standard/", views.standard_edit, name="standard_edit"),
    path("profile/", views.profile_edit, name="profile_edit"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("bookings/", views.booking_list, name="booking_list"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("courses/", views.course_list, name="course_list"),
    path("courses/<int:pk>/enrol/", views.course_enrol, name="course_enrol"),
]
