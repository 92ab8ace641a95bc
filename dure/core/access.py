"""The access door: every view fetches center-owned rows and checks roles through here."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from dure.core.models import Center, CenterOwned, CenterOwnedQuerySet, User
from dure.core.roles import Capability, has_capability

ModelT = TypeVar("ModelT", bound=CenterOwned)
View = Callable[..., HttpResponse]


def require(capability: Capability) -> Callable[[View], View]:
    """Login first, then the role must hold the capability, else 403."""

    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not has_capability(request.user, capability):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_capability = capability  # type: ignore[attr-defined]
        return wrapped

    return decorator


def public(view: View) -> View:
    """A page anyone may open, logged in or not (public announcements, member sign-up). It
    must show nothing that belongs to one center's records beyond what is published."""
    view.public_view = True  # type: ignore[attr-defined]
    return view


def get_visible_or_404(model: type[ModelT], user: User | Any, **lookup: Any) -> ModelT:
    """A row the user may read, or 404 (never reveal that another center's row exists)."""
    visible = cast(CenterOwnedQuerySet, model.objects.all()).visible_to(user)
    return cast(ModelT, get_object_or_404(visible, **lookup))


def get_editable_or_404(model: type[ModelT], user: User | Any, **lookup: Any) -> ModelT:
    """A row the user may change; 404 when invisible, 403 when visible but read-only."""
    row = get_visible_or_404(model, user, **lookup)
    editable = cast(CenterOwnedQuerySet, model.objects.all()).editable_by(user)
    if not editable.filter(pk=row.pk).exists():
        raise PermissionDenied
    return row


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: X-Forwarded-For is believed only as far as trusted proxies add it."""
    proxies = settings.DURE_TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR") or None


class LoginAttemptHandler(AxesDatabaseHandler):
    """django-axes with failures counted per account and per address (AXES_LOCKOUT_PARAMETERS),
    in the database so that every process sees them. A successful login clears only that
    account's failures from that address: clearing everything matching the account or the
    address would let anyone with a working login wipe the count of the accounts they attacked
    from the same address."""

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        attempts = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,  # type: ignore[attr-defined]
        )
        count, _ = attempts.delete()
        return count


def center_of(user: User) -> Center:
    """The user's own center, where new records are created; 403 for an account without one."""
    if user.center is None:
        raise PermissionDenied
    return user.center


def visible_center_or_404(user: User, code: str) -> Center:
    """A center whose pages the user may open: their own, or a district of their metropolitan
    center; 404 otherwise (another center's existence is not revealed)."""
    own = center_of(user)
    if code == own.code:
        return own
    center = Center.objects.filter(code=code).first()
    if center is None or not own.is_metropolitan or center.parent_id != own.pk:
        raise Http404
    return center
