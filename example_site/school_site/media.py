"""The example site serves its uploaded files itself, as a web server in front of a real site
would: images and their renditions, never ``documents/``. Documents are served by Wagtail's
document view, which checks who may download them (scanned consents included)."""

from django.conf import settings
from django.http import Http404
from django.views.static import serve

NOT_SERVED = ("documents/",)


def public_media(request, path):
    if path.startswith(NOT_SERVED):
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)
