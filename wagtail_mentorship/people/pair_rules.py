"""The rules a mentorship pair or group must keep, with messages a curator understands.

One function serves the admin form, the one-click pair from a suggestion and imports.
"""

from collections import defaultdict

from django.utils.translation import gettext as _

from .consent import ConsentGiver, may_process
from .identity import same_person


def representative_consented(mentee) -> bool:
    return may_process(mentee) and mentee.processing_consent_by == ConsentGiver.REPRESENTATIVE


def no_representative_consent(mentee) -> str:
    return _(
        "The pair cannot become active: there is no consent to processing of "
        "personal data of %(name)s from their legal representative."
    ) % {"name": mentee.full_name}


def pair_errors(pair, mentees) -> dict[str, list[str]]:
    """Field errors of ``pair`` if it had ``mentees``; empty when the pair may be saved."""
    errors = defaultdict(list)
    if pair.start_date and pair.end_date and pair.end_date < pair.start_date:
        errors["end_date"].append(_("The end date cannot be earlier than the start date."))
    mentor = pair.mentor if pair.mentor_id else None
    if mentor is None:
        return dict(errors)

    for mentee in mentees:
        if same_person(mentor, mentee):
            errors["mentees"].append(
                _("%(name)s cannot mentor themself.") % {"name": mentee.full_name}
            )

    pairs = type(pair)  # the model itself is not imported: models use these rules
    current = pairs.CURRENT_STATUSES
    if pair.status in current:
        others = (
            pairs.objects.filter(mentor=mentor, status__in=current)
            .exclude(pk=pair.pk)
            .values_list("mentees", flat=True)
        )
        others = {pk for pk in others if pk is not None}
        for mentee in mentees:
            if mentee.pk in others:
                errors["mentees"].append(
                    _("%(name)s is already in another forming or active pair with %(mentor)s.")
                    % {"name": mentee.full_name, "mentor": mentor.full_name}
                )
        taken = others | {mentee.pk for mentee in mentees}
        if len(taken) > mentor.capacity:
            errors["mentees"].append(
                _(
                    "%(mentor)s can take at most %(capacity)s mentees at once; "
                    "with this pair it would be %(total)s."
                )
                % {"mentor": mentor.full_name, "capacity": mentor.capacity, "total": len(taken)}
            )

    if pair.status == pairs.Status.ACTIVE:
        if pair.form_id:
            busy = (
                pairs.objects.filter(status=pairs.Status.ACTIVE, form_id=pair.form_id)
                .exclude(pk=pair.pk)
                .values_list("mentees", flat=True)
            )
            busy = set(busy)
            for mentee in mentees:
                if mentee.pk in busy:
                    errors["mentees"].append(
                        _("%(name)s is already in an active pair of the form «%(form)s».")
                        % {"name": mentee.full_name, "form": pair.form}
                    )
        for mentee in mentees:
            if mentee.is_minor and not representative_consented(mentee):
                errors["status"].append(no_representative_consent(mentee))
    return dict(errors)
