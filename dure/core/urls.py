from django.urls import path

from dure.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("audit-log/", views.audit_log, name="audit_log"),
    path("access-log/", views.access_log, name="access_log"),
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<int:pk>/edit/", views.user_edit, name="user_edit"),
    path("users/<int:pk>/unlock/", views.user_unlock, name="user_unlock"),
]
