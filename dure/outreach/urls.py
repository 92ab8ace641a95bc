from django.urls import path

from dure.outreach import views

app_name = "outreach"

urlpatterns = [
    path("newsletters/<int:pk>/send/", views.newsletter_send, name="newsletter_issue_send"),
    path(
        "newsletters/<int:pk>/progress/",
        views.newsletter_progress,
        name="newsletter_issue_progress",
    ),
    path("subscribers/", views.subscriber_list, name="subscriber_list"),
    path("subscribers/<int:pk>/", views.subscriber_detail, name="subscriber_detail"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
urlpatterns += views.SCREENS.urls()
