from django import template
from django.utils.translation import gettext as _
from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def site_name(context):
    site = Site.find_for_request(context["request"]) if "request" in context else None
    return site.site_name if site and site.site_name else _("School site")


@register.inclusion_tag("home/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = site.root_page.get_children().live().in_menu() if site else []
    return {"request": request, "items": items}
