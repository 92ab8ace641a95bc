from django.urls import path

from dure.registry import views

app_name = "registry"

urlpatterns = [
    path("enterprises/", views.enterprise_list, name="enterprise_list"),
    path("enterprises/new/", views.enterprise_create, name="enterprise_create"),
    path("enterprises/<int:pk>/", views.enterprise_detail, name="enterprise_detail"),
    path("enterprises/<int:pk>/edit/", views.enterprise_edit, name="enterprise_edit"),
    path(
        "enterprises/<int:enterprise_pk>/contacts/new/",
        views.contact_create,
        name="contact_create",
    ),
    path("contacts/<int:pk>/", views.contact_detail, name="contact_detail"),
    path("contacts/export/", views.contact_export, name="contact_export"),
]
