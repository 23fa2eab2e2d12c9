"""A mentor's photo is personal data: the portrait stays in the private storage, and a copy
in Wagtail's image library (``Mentor.photo``) exists exactly while the consent to publish a
photo is in force. Taking the copy away deletes the image, its renditions and their files,
so nothing of it is left under a served URL."""

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from ..people.consent import may_publish


def may_publish_photo(mentor) -> bool:
    return bool(mentor.portrait) and mentor.publish_photo and may_publish(mentor)


def published_title(mentor) -> str:
    if mentor.publish_name:
        return _("Photo: %(name)s") % {"name": mentor.full_name}
    return _("Photo of a mentor")


def sync_published_photo(mentor, portrait_changed: bool = False) -> None:
    """Creates or removes the published copy as the consent now says."""
    current = mentor.photo if mentor.photo_id else None
    wanted = may_publish_photo(mentor)
    if current is not None and (not wanted or portrait_changed):
        withdraw_photo(mentor)
        current = None
    if current is not None and current.title != published_title(mentor):
        current.title = published_title(mentor)  # a name no longer consented to goes
        current.save(update_fields=["title"])
    if wanted and current is None:
        with mentor.portrait.open("rb") as stream:
            image = get_image_model().objects.create(
                title=published_title(mentor),
                file=ImageFile(stream, name=mentor.portrait.name.rsplit("/", 1)[-1]),
            )
        type(mentor).objects.filter(pk=mentor.pk).update(photo=image)
        mentor.photo = image


def withdraw_photo(mentor) -> None:
    image = mentor.photo
    type(mentor).objects.filter(pk=mentor.pk).update(photo=None)
    mentor.photo = None
    if image is not None:
        # Every file goes once the deletion is committed, whatever Wagtail's version does.
        files = [image.file.name, *(r.file.name for r in image.renditions.all())]
        storage = image.file.storage
        image.delete()
        transaction.on_commit(lambda: [storage.delete(name) for name in files])


def withdraw_lapsed_photos(mentors) -> int:
    """Withdraws the published copies whose consent has lapsed since the mentor was saved
    (a withdrawal dated ahead, say): what a daily run catches. Returns how many."""
    lapsed = [mentor for mentor in mentors.exclude(photo=None) if not may_publish_photo(mentor)]
    for mentor in lapsed:
        withdraw_photo(mentor)
    return len(lapsed)
