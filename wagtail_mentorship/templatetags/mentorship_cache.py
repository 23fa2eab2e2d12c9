"""``{% public_cache_variant as variant %}``: what a ``{% wagtailpagecache %}`` fragment of the
app's public pages varies on besides the page (see ``public.cache``)."""

from django import template

from ..public.cache import variant

register = template.Library()


@register.simple_tag
def public_cache_variant() -> str:
    return variant()
