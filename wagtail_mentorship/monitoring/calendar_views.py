"""The private calendar feed a secret link opens, and the admin page «Мой календарь» where a
user makes that link, sees when it was last used and revokes it."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from ..models.calendar_tokens import CalendarFeedToken
from ..models.pages.roadmap_calendar import calendar_response, user_calendar_bytes

FEED_URL_NAME = "wagtail_mentorship_calendar_feed"
ADMIN_URL_NAME = "wagtail_mentorship_my_calendar"


@require_safe
@never_cache
def private_feed(request, token):
    """The activities of the link's owner; an unknown or revoked link is a plain 404."""
    record = CalendarFeedToken.objects.find(token)
    if record is None:
        raise Http404
    record.mark_used()
    response = calendar_response(user_calendar_bytes(record.user, request), "calendar.ics")
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


class MyCalendarView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "wagtail_mentorship/monitoring/calendar_link.html"
    page_title = gettext_lazy("My calendar")
    header_icon = "date"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["link"] = CalendarFeedToken.objects.filter(user=self.request.user).first()
        return context

    def post(self, request):
        if "revoke" in request.POST:
            CalendarFeedToken.objects.filter(user=request.user).delete()
            messages.success(request, _("The calendar link is revoked: it opens nothing now."))
            return redirect(ADMIN_URL_NAME)
        token = CalendarFeedToken.objects.issue(request.user)
        feed_url = request.build_absolute_uri(reverse(FEED_URL_NAME, args=[token]))
        # Shown once: the page that holds it is not kept by the browser or a proxy.
        response = self.render_to_response(self.get_context_data(feed_url=feed_url))
        response["Cache-Control"] = "no-store"
        return response


def admin_urlpatterns():
    return [path("mentorship/my-calendar/", MyCalendarView.as_view(), name=ADMIN_URL_NAME)]


def account_menu_item(request):
    """A link on the user's account page."""
    return {
        "url": reverse(ADMIN_URL_NAME),
        "label": _("My calendar"),
        "help_text": _("A private link to your roadmap activities for a calendar app."),
    }
