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
    path("outcomes/", views.cohort_outcomes, name="cohort_outcomes"),
    path("mine/", views.my_engagements, name="my_engagements"),
    path("mine/<int:pk>/", views.my_engagement_detail, name="my_engagement_detail"),
    path("mine/<int:pk>/sessions/", views.my_session_add, name="my_session_add"),
    path("mine/sessions/<int:pk>/delete/", views.my_session_delete, name="my_session_delete"),
]
