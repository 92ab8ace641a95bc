from django.urls import path

from dure.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("audit-log/", views.audit_log, name="audit_log"),
    path("access-log/", views.access_log, name="access_log"),
]
