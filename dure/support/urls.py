from django.urls import path

from dure.support import views

app_name = "support"

urlpatterns = [
    path("engagements/", views.engagement_list, name="engagement_list"),
    path("engagements/new/", views.engagement_create, name="engagement_create"),
    path("engagements/<int:pk>/", views.engagement_detail, name="engagement_detail"),
    path("engagements/<int:pk>/edit/", views.engagement_edit, name="engagement_edit"),
    path("engagements/<int:pk>/delete/", views.engagement_delete, name="engagement_delete"),
]
