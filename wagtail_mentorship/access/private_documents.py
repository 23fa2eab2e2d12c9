"""The private collection in which scanned consents are kept, out of public reach.

Wagtail serves a document only after checking its collection's view restrictions
(``WAGTAILDOCS_SERVE_METHOD`` other than ``"direct"``), so a collection restricted to the
mentorship curators keeps the scans from any public URL.
"""

from wagtail.models import Collection

from .models import SealedCollection

PRIVATE_COLLECTION_NAME = "Согласия на обработку персональных данных"
CURATORS_GROUP_NAME = "Кураторы наставничества"


def get_private_collection() -> Collection | None:
    """The collection the migrations sealed: by its record, so a new name changes nothing."""
    sealed = SealedCollection.objects.select_related("collection").first()
    return sealed.collection if sealed is not None else None


def is_private_document(document) -> bool:
    """In the private collection (or below it), and that collection is still restricted."""
    collection = get_private_collection()
    return (
        collection is not None
        and document.collection.path.startswith(collection.path)
        and collection.get_view_restrictions().exists()
    )
