"""Scanned consents follow their person: inside the sealed collection a scan is titled and
named by number only (a listing or an API that shows titles names nobody), and it is served
only to those who may see the person it belongs to."""

import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from wagtail.search.index import insert_or_update_object

from .collections import may_see_document, sealed_q


def neutral_title(document) -> str:
    return _("Scanned consent No. %(number)s") % {"number": document.pk}


def neutral_file_name(document) -> str:
    """By number, with a random part: no name in it, and none to guess the next one by."""
    suffix = PurePosixPath(document.file.name).suffix.lower()
    return f"documents/consent-{document.pk}-{secrets.token_hex(8)}{suffix}"


def is_neutral(document) -> bool:
    return PurePosixPath(document.file.name).name.startswith(f"consent-{document.pk}-")


def neutralise_scan(sender, instance, **kwargs) -> None:
    """``post_save`` of the document model: a scan in the sealed collection loses the name
    its uploader gave it, in its title and in its file's name."""
    if kwargs.get("raw") or not sender.objects.filter(sealed_q(), pk=instance.pk).exists():
        return
    changes = {}
    title = neutral_title(instance)
    if instance.title != title:
        changes["title"] = title
    if instance.file and not is_neutral(instance):
        storage, old = instance.file.storage, instance.file.name
        with storage.open(old, "rb") as stream:
            changes["file"] = storage.save(neutral_file_name(instance), ContentFile(stream.read()))
        transaction.on_commit(lambda: storage.delete(old))
    if changes:
        sender.objects.filter(pk=instance.pk).update(**changes)
        for name, value in changes.items():
            setattr(instance, name, value)
        insert_or_update_object(instance)  # the search index forgets the old title


def refuse_unseen_scan(document, request):
    """``before_serve_document``: a scan is served only to who may see its person; the
    anonymous are sent to log in, as Wagtail's own restriction would send them."""
    if may_see_document(request.user, document):
        return None
    if not request.user.is_authenticated:
        login_url = getattr(settings, "WAGTAIL_FRONTEND_LOGIN_URL", settings.LOGIN_URL)
        return redirect_to_login(request.get_full_path(), login_url)
    raise Http404
