from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from dure.api.api import api
from dure.core.forms import LoginForm
from dure.core.views import PasswordResetView

urlpatterns = [
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm),
        name="login",
    ),
    path("accounts/password_reset/", PasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("registry/", include("dure.registry.urls")),
    path("budget/", include("dure.budget.urls")),
    path("programs/", include("dure.programs.urls")),
    path("support/", include("dure.support.urls")),
    path("market/", include("dure.market.urls")),
    path("resources/", include("dure.resources.urls")),
    path("ecosystem/", include("dure.ecosystem.urls")),
    path("education/", include("dure.education.urls")),
    path("outreach/", include("dure.outreach.urls")),
    path("portal/", include("dure.portal.urls")),
    path("reports/", include("dure.reports.urls")),
    path("api/v1/", api.urls),
    path("api-tokens/", include("dure.api.urls")),
    path("", include("dure.core.urls")),
]
# No route serves MEDIA_ROOT: every uploaded file is handed out by a view that checks the user
# may see its record (dure/core/uploads.py).
