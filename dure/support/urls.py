from django.urls import path

from dure.support import views

app_name = "support"

urlpatterns = [
    path("engagements/", views.engagement_list, name="engagement_list"),
    path("engagements/new/", views.engagement_create, name="engagement_create"),
    path("engagements/<int:pk>/", views.engagement_detail, name="engagement_detail"),
    path("engagements/<int:pk>/edit/", views.engagement_edit, name="engagement_edit"),
    path("engagements/<int:pk>/delete/", views.engagement_delete, name="engagement_delete"),
    path(
        "engagements/<int:pk>/sessions/",
        views.engagement_session_add,
        name="engagement_session_add",
    ),
    path(
        "sessions/<int:pk>/delete/",
        views.engagement_session_delete,
        name="engagement_session_delete",
    ),
    path("engagements/<int:pk>/assign/", views.engagement_assign, name="engagement_assign"),
    path("engagements/<int:pk>/follow-ups/", views.follow_up_add, name="follow_up_add"),
    path("follow-ups/<int:pk>/done/", views.follow_up_done, name="follow_up_done"),
    path("diagnoses/", views.diagnosis_list, name="diagnosis_list"),
    path("diagnoses/new/", views.diagnosis_create, name="diagnosis_create"),
    path("diagnoses/<int:pk>/", views.diagnosis_detail, name="diagnosis_detail"),
    path("diagnoses/<int:pk>/visit/", views.visit_request, name="visit_request"),
    path("visits/<int:pk>/", views.visit_record, name="visit_record"),
    path("mine/visits/<int:pk>/", views.my_visit, name="my_visit"),
    path("outcomes/", views.cohort_outcomes, name="cohort_outcomes"),
    path("mine/", views.my_engagements, name="my_engagements"),
    path("mine/<int:pk>/", views.my_engagement_detail, name="my_engagement_detail"),
    path("mine/<int:pk>/sessions/", views.my_session_add, name="my_session_add"),
    path("mine/sessions/<int:pk>/delete/", views.my_session_delete, name="my_session_delete"),
    # Intake: announcements, member confirmation, applications, review
    path("manage/announcements/", views.announcement_manage, name="announcement_manage"),
    path("manage/announcements/new/", views.announcement_create, name="announcement_create"),
    path(
        "manage/announcements/<int:pk>/",
        views.announcement_manage_detail,
        name="announcement_manage_detail",
    ),
    path(
        "manage/announcements/<int:pk>/edit/",
        views.announcement_edit,
        name="announcement_edit",
    ),
    path("manage/members/", views.membership_requests, name="membership_requests"),
    path("manage/members/<int:pk>/", views.membership_decide, name="membership_decide"),
    path("applications/", views.application_list, name="application_list"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path(
        "applications/<int:pk>/reviewers/",
        views.application_assign,
        name="application_assign",
    ),
    path(
        "applications/<int:pk>/decision/",
        views.application_decide,
        name="application_decide",
    ),
    path(
        "applications/documents/<int:pk>/",
        views.application_document,
        name="application_document",
    ),
    path("reviews/", views.my_reviews, name="my_reviews"),
    path("reviews/<int:pk>/", views.review_detail, name="review_detail"),
    path("reviews/documents/<int:pk>/", views.review_document, name="review_document"),
]
