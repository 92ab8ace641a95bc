from django.urls import path

from dure.budget import views

app_name = "budget"

year = "<int:year>/<slug:center>"

urlpatterns = [
    path("", views.home, name="home"),
    path(f"{year}/summary/", views.settlement_summary, name="settlement_summary"),
    path(f"{year}/report/", views.settlement_report, name="settlement_report"),
    path(f"{year}/detail/", views.settlement_detail, name="settlement_detail"),
    path(f"{year}/export/<str:file_format>/", views.settlement_export, name="settlement_export"),
    path(f"{year}/records/<str:kind>/", views.record_list, name="record_list"),
    path(f"{year}/lines/", views.line_list, name="line_list"),
    path(f"{year}/expenditures/new/", views.expenditure_create, name="expenditure_create"),
    path(f"{year}/transfers/", views.transfer_list, name="transfer_list"),
    path(f"{year}/transfers/new/", views.transfer_create, name="transfer_create"),
    path(f"{year}/settle/", views.year_settle, name="year_settle"),
    path(f"{year}/adjustments/new/", views.adjustment_create, name="adjustment_create"),
    path(f"{year}/accounts/", views.account_list, name="account_list"),
    path(f"{year}/accounts/new/", views.account_create, name="account_create"),
    path("accounts/<int:pk>/edit/", views.account_edit, name="account_edit"),
    path("accounts/<int:pk>/close/", views.account_close, name="account_close"),
    path("expenditures/<int:pk>/", views.expenditure_detail, name="expenditure_detail"),
    path(
        "expenditures/<int:pk>/evidence/", views.expenditure_evidence, name="expenditure_evidence"
    ),
    path("expenditures/<int:pk>/approve/", views.expenditure_approve, name="expenditure_approve"),
    path("expenditures/<int:pk>/cancel/", views.expenditure_cancel, name="expenditure_cancel"),
    path("expenditures/<int:pk>/correct/", views.expenditure_correct, name="expenditure_correct"),
    path(
        "transfers/<int:pk>/approve/",
        views.transfer_decide,
        {"decision": "approve"},
        name="transfer_approve",
    ),
    path(
        "transfers/<int:pk>/reject/",
        views.transfer_decide,
        {"decision": "reject"},
        name="transfer_reject",
    ),
    path("access-log/", views.access_log, name="access_log"),
]
