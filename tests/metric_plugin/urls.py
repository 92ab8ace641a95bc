"""Dure's URLs and the module's record page (used with `pytest.mark.urls`)."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from config.urls import urlpatterns as dure_urlpatterns
from dure.core.access import get_visible_or_404, require
from dure.core.roles import Capability

from .models import Stay


@require(Capability.VIEW_REPORTS)
def stay_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse(str(get_visible_or_404(Stay, request.user, pk=pk)))


plugin_patterns = ([path("stays/<int:pk>/", stay_detail, name="stay_detail")], "metric_plugin")
urlpatterns = [path("plugin/", include(plugin_patterns)), *dure_urlpatterns]
