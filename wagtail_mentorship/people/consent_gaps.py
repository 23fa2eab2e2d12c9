"""What consent a person lacks to be paired, named for the curator before and after a pair is
formed. The rules are those of ``consent`` and ``pair_rules``; this only words the gap."""

from django.utils.translation import gettext as _

from .consent import may_process
from .pair_rules import no_representative_consent, representative_consented


def consent_gaps(person) -> tuple[str, ...]:
    """Nothing when ``person`` may be in a working pair; else what is missing, by name."""
    if getattr(person, "is_minor", False) and not representative_consented(person):
        return (no_representative_consent(person),)
    if not may_process(person):
        return (
            _("There is no consent to processing of personal data of %(name)s.")
            % {"name": person.full_name},
        )
    return ()
