from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailMentorshipAppConfig(AppConfig):
    name = "wagtail_mentorship"
    label = "wagtail_mentorship"
    verbose_name = _("Mentorship")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.documents import get_document_model

        from . import checks  # noqa: F401  (registers the system checks)
        from .access.collections import seal_document_collections
        from .access.consent_scans import neutralise_scan
        from .access.policies import register_policies
        from .models import PreparedFile
        from .models.downloads import delete_stored_file
        from .public.cache import connect_signals

        # Before Wagtail's viewsets and documents look their policies up.
        register_policies()
        seal_document_collections()
        post_save.connect(neutralise_scan, sender=get_document_model())
        connect_signals()
        post_delete.connect(delete_stored_file, sender=PreparedFile)
        # The kinds of file a task may build, registered in a worker too.
        from .downloads import kinds  # noqa: F401
