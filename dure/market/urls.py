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
urlpatterns += views.SCREENS.urls()
