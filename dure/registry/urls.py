from django.urls import path

from dure.registry import views

app_name = "registry"

urlpatterns = [
    path("enterprises/", views.enterprise_list, name="enterprise_list"),
    path("enterprises/new/", views.enterprise_create, name="enterprise_create"),
    path("enterprises/statistics/", views.enterprise_statistics, name="enterprise_statistics"),
    path("enterprises/duplicates/", views.duplicate_list, name="duplicate_list"),
    path("enterprises/merge/", views.enterprise_merge, name="enterprise_merge"),
    path("enterprises/<int:pk>/", views.enterprise_detail, name="enterprise_detail"),
    path("enterprises/<int:pk>/edit/", views.enterprise_edit, name="enterprise_edit"),
    path(
        "enterprises/<int:enterprise_pk>/designations/new/",
        views.designation_create,
        name="designation_create",
    ),
    path("designations/<int:pk>/edit/", views.designation_edit, name="designation_edit"),
    path(
        "enterprises/<int:enterprise_pk>/products/new/",
        views.product_create,
        name="product_create",
    ),
    path("products/<int:pk>/edit/", views.product_edit, name="product_edit"),
    path("products/<int:pk>/delete/", views.product_delete, name="product_delete"),
    path(
        "enterprises/<int:enterprise_pk>/financials/new/",
        views.financial_create,
        name="financial_create",
    ),
    path(
        "enterprises/<int:enterprise_pk>/contacts/new/",
        views.contact_create,
        name="contact_create",
    ),
    path("contacts/<int:pk>/", views.contact_detail, name="contact_detail"),
    path("contacts/export/", views.contact_export, name="contact_export"),
    path("institutions/", views.institution_list, name="institution_list"),
    path("institutions/new/", views.institution_create, name="institution_create"),
    path("institutions/<int:pk>/", views.institution_detail, name="institution_detail"),
    path("institutions/<int:pk>/edit/", views.institution_edit, name="institution_edit"),
    path("agencies/", views.agency_list, name="agency_list"),
    path("agencies/new/", views.agency_create, name="agency_create"),
    path("agencies/<int:pk>/", views.agency_detail, name="agency_detail"),
    path("agencies/<int:pk>/edit/", views.agency_edit, name="agency_edit"),
    path("experts/", views.expert_list, name="expert_list"),
    path("experts/new/", views.expert_create, name="expert_create"),
    path("experts/<int:pk>/", views.expert_detail, name="expert_detail"),
    path("experts/<int:pk>/edit/", views.expert_edit, name="expert_edit"),
]
