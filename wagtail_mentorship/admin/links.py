"""Admin URLs of the app's snippets, as their viewsets name them, never spelled out by hand."""

from django.urls import reverse


def snippet_url_name(model, view: str) -> str:
    return model.snippet_viewset.get_url_name(view)


def snippet_url(model, view: str, *args) -> str:
    return reverse(snippet_url_name(model, view), args=args)
