from django.urls import path

from dure.market import views

app_name = "market"

urlpatterns = [
    path("visits/log/", views.visit_quick, name="visit_quick"),
    path("opportunities/<int:pk>/advance/", views.opportunity_advance, name="opportunity_advance"),
    path("sales-teams/", views.sales_team_list, name="sales_team_list"),
    path("sales-teams/<int:pk>/", views.sales_team_detail, name="sales_team_detail"),
    path(
        "sales-events/<int:pk>/participants/",
        views.participation_add,
        name="sales_event_participation_add",
    ),
    path("purchases/", views.purchase_list, name="purchase_list"),
    path("purchases/new/", views.purchase_create, name="purchase_create"),
    path("purchases/priority/", views.priority_purchase_report, name="priority_purchases"),
]
for record_type in views.TYPES:
    noun, slug = record_type.noun, record_type.slug
    urlpatterns += [
        path(f"{slug}/", views.record_list, {"noun": noun}, name=f"{noun}_list"),
        path(f"{slug}/new/", views.record_create, {"noun": noun}, name=f"{noun}_create"),
        path(f"{slug}/<int:pk>/", views.record_detail, {"noun": noun}, name=f"{noun}_detail"),
        path(f"{slug}/<int:pk>/edit/", views.record_edit, {"noun": noun}, name=f"{noun}_edit"),
        path(
            f"{slug}/<int:pk>/delete/", views.record_delete, {"noun": noun}, name=f"{noun}_delete"
        ),
    ]
