"""API tokens on the web: a center admin issues one for an account of the center (the token is
shown once) and revokes it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dure.api import services
from dure.api.forms import TokenForm
from dure.api.models import ApiToken
from dure.core.access import get_editable_or_404, require
from dure.core.http import AuthenticatedRequest, show_errors
from dure.core.models import User
from dure.core.roles import Capability


@require(Capability.MANAGE_CENTER)
def token_list(request: AuthenticatedRequest) -> HttpResponse:
    users = User.objects.filter(center_id__in=services.centers_of(request.user))
    form = TokenForm(request.POST or None, users=users)
    issued = None
    if request.method == "POST" and form.is_valid():
        try:
            token, issued = services.issue_token(issued_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_errors(request, error, form)
        else:
            messages.success(request, f"‘{token.name}’ 토큰을 만들었습니다. 지금 한 번만 보입니다.")
            form = TokenForm(users=users)
    tokens = ApiToken.objects.visible_to(request.user).select_related("user", "center")
    context = {"form": form, "tokens": tokens, "issued": issued}
    return render(request, "api/token_list.html", context)


@require(Capability.MANAGE_CENTER)
@require_POST
def token_revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    token = get_editable_or_404(ApiToken, request.user, pk=pk)
    services.revoke_token(token)
    messages.success(request, f"‘{token.name}’ 토큰을 폐기했습니다.")
    return redirect("api_tokens:token_list")
