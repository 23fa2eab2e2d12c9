"""System checks: settings under which personal data would leak."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def check_document_serving(app_configs, **kwargs):
    if getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None) == "direct":
        return [
            checks.Warning(
                "WAGTAILDOCS_SERVE_METHOD = 'direct' serves documents without checking "
                "collection view restrictions: scanned consents would be public.",
                hint="Use the default 'serve_view' (or 'redirect' with private storage).",
                id="wagtail_mentorship.W001",
            )
        ]
    return []
