from django.urls import path

from dure.ecosystem import views

app_name = "ecosystem"

urlpatterns = [
    path("projects/<int:pk>/members/", views.project_member_add, name="project_member_add"),
    path(
        "projects/<int:pk>/milestones/", views.project_milestone_add, name="project_milestone_add"
    ),
    path(
        "projects/<int:pk>/milestones/<int:step>/done/",
        views.project_milestone_done,
        name="project_milestone_done",
    ),
    path(
        "projects/<int:pk>/milestones/<int:step>/remove/",
        views.project_milestone_remove,
        name="project_milestone_remove",
    ),
]
urlpatterns += views.SCREENS.urls()
