"""Where a form may send the user back to: only this site, never another one."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, name: str = "next") -> str:
    """The ``next`` URL of a request if it stays on this site, else an empty string."""
    target = request.POST.get(name) or request.GET.get(name) or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else ""
