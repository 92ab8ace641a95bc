from django.urls import path

from dure.support import intake_views, views

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
    # Intake: public announcements, the member's portal, staff screens, reviewers
    path("announcements/", intake_views.announcement_list, name="announcement_list"),
    path("announcements/<int:pk>/", intake_views.announcement_detail, name="announcement_detail"),
    path("announcements/<int:pk>/apply/", intake_views.apply, name="apply"),
    path("portal/signup/", intake_views.portal_signup, name="portal_signup"),
    path("portal/", intake_views.portal_home, name="portal_home"),
    path("portal/standard/", intake_views.standard_edit, name="standard_edit"),
    path("portal/applications/<int:pk>/", intake_views.my_application, name="my_application"),
    path("portal/documents/<int:pk>/", intake_views.portal_document, name="portal_document"),
    path("manage/announcements/", intake_views.announcement_manage, name="announcement_manage"),
    path("manage/announcements/new/", intake_views.announcement_create, name="announcement_create"),
    path(
        "manage/announcements/<int:pk>/",
        intake_views.announcement_manage_detail,
        name="announcement_manage_detail",
    ),
    path(
        "manage/announcements/<int:pk>/edit/",
        intake_views.announcement_edit,
        name="announcement_edit",
    ),
    path("manage/members/", intake_views.membership_requests, name="membership_requests"),
    path("manage/members/<int:pk>/", intake_views.membership_decide, name="membership_decide"),
    path("applications/", intake_views.application_list, name="application_list"),
    path("applications/<int:pk>/", intake_views.application_detail, name="application_detail"),
    path(
        "applications/<int:pk>/reviewers/",
        intake_views.application_assign,
        name="application_assign",
    ),
    path(
        "applications/<int:pk>/decision/",
        intake_views.application_decide,
        name="application_decide",
    ),
    path(
        "applications/documents/<int:pk>/",
        intake_views.application_document,
        name="application_document",
    ),
    path("reviews/", intake_views.my_reviews, name="my_reviews"),
    path("reviews/<int:pk>/", intake_views.review_detail, name="review_detail"),
    path("reviews/documents/<int:pk>/", intake_views.review_document, name="review_document"),
]
