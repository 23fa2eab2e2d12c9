"""What of an organisation's programme year may be published («Итоги программы»), and how.

Aggregates only: participants, pairs and groups by form, coverage and the mean satisfaction.
A figure computed from fewer than five people is shown as «менее 5», never as its number, so
that no child can be picked out; a suppressed figure does not even keep its number, so no
template can show it by mistake. Nothing here names a person. Pure: the figures come from
``programme_report`` and ``satisfaction_by_audience``, whose query counts do not grow with
the data.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from ..models.surveys import Survey
from .figures import decimal, percent
from .report import NO_FORM, FormFigures, OrganizationFigures, share
from .satisfaction import AudienceSatisfaction

# The fewest people a published figure may be computed from. Zero is below it too: shown as
# «0», it would state something of every member of a small group (none of them takes part,
# none answered) and narrow every «менее 5» next to it down to 1–4.
SMALLEST_PUBLISHED = 5
FEWER_THAN_SMALLEST = _("fewer than 5")

SATISFACTION_LABELS = {
    Survey.Audience.MENTORS: _("Mentors' satisfaction"),
    Survey.Audience.MENTEES: _("Mentees' satisfaction"),
    Survey.Audience.REPRESENTATIVES: _("Legal representatives' satisfaction"),
}


@dataclass(frozen=True)
class Figure:
    """A published figure: its text, or «менее 5» when it is computed from too few people."""

    text: str
    suppressed: bool = False

    def __str__(self):
        return str(self.text)


SUPPRESSED = Figure(FEWER_THAN_SMALLEST, suppressed=True)
# A share that would tell of fewer than five people outside the programme («83 %» of six
# teachers says that one takes no part): not «менее 5», which would be untrue of the share.
WITHHELD = Figure(_("not shown"), suppressed=True)


def too_few(people: int) -> bool:
    return people < SMALLEST_PUBLISHED


def count_figure(people: int) -> Figure:
    return SUPPRESSED if too_few(people) else Figure(str(people))


def share_figure(people: int, whole: int | None) -> Figure | None:
    """``people`` of ``whole`` as a share; None when the whole is not known. Hidden when
    fewer than five are counted, or fewer than five are left out."""
    if whole is None:
        return None
    if too_few(people):
        return SUPPRESSED
    if too_few(whole - people):
        return WITHHELD
    return Figure(percent(share(people, whole)))


def mean_figure(people: int, mean: float) -> Figure:
    if too_few(people):
        return SUPPRESSED
    return Figure(_("%(mean)s out of 10") % {"mean": decimal(mean)})


def is_small(row: FormFigures) -> bool:
    return too_few(min(row.pairs, row.mentors, row.mentees))


def grouped_forms(rows: list[FormFigures]) -> tuple[list[FormFigures], list[FormFigures]]:
    """(forms shown on their own, forms shown together): a form with a figure of fewer than
    five people is not shown on its own but in one row with the other such forms, and when
    it is alone there, with the smallest other form too — or the published totals minus the
    other rows would give its figures back. Together they read as one sum: no one of them
    can be told from the others."""
    alone = [row for row in rows if not is_small(row)]
    together = [row for row in rows if is_small(row)]
    if len(together) == 1 and alone:
        smallest = min(alone, key=lambda row: (row.pairs, row.mentees, row.mentors, row.form))
        alone.remove(smallest)
        together.append(smallest)
    return alone, together


@dataclass(frozen=True)
class FormResults:
    form: str
    pairs: Figure
    mentors: Figure
    mentees: Figure
    together: bool = False  # the one row of the forms shown together


@dataclass(frozen=True)
class PublicResults:
    organization: object
    mentors: Figure
    mentees: Figure
    pairs: Figure
    pupil_coverage: Figure | None  # None: the organisation's headcount is not entered
    teacher_coverage: Figure | None
    by_form: list[FormResults] = field(default_factory=list)
    satisfaction: list[tuple[str, Figure]] = field(default_factory=list)
    has_pairs: bool = True

    @property
    def forms_together(self) -> bool:
        return any(row.together for row in self.by_form)

    @property
    def has_withheld(self) -> bool:
        return WITHHELD in (self.pupil_coverage, self.teacher_coverage)


def form_name(row: FormFigures) -> str:
    return row.form if row.form != NO_FORM else str(_("No form"))


def form_results(form, pairs: int, mentors: int, mentees: int, together=False) -> FormResults:
    figures = (count_figure(pairs), count_figure(mentors), count_figure(mentees))
    return FormResults(form, *figures, together=together)


def forms_of(figures: OrganizationFigures) -> list[FormResults]:
    """The rows of the table by form; none when every form would be in the one row of the
    forms shown together (it would only repeat the totals)."""
    alone, together = grouped_forms(figures.by_form)
    if not alone:
        return []
    rows = [form_results(form_name(r), r.pairs, r.mentors, r.mentees) for r in alone]
    if together:
        names = ", ".join(sorted(form_name(row) for row in together))
        rows.append(
            form_results(
                _("Other forms: %(forms)s") % {"forms": names},
                sum(row.pairs for row in together),
                sum(row.mentors for row in together),
                sum(row.mentees for row in together),
                together=True,
            )
        )
    return rows


def satisfaction_of(means: list[AudienceSatisfaction]) -> list[tuple[str, Figure]]:
    """Each audience that answered, in the order of ``Survey.Audience``."""
    by_audience = {mean.audience: mean for mean in means}
    return [
        (label, mean_figure(found.people, found.mean))
        for audience, label in SATISFACTION_LABELS.items()
        if (found := by_audience.get(audience)) is not None
    ]


def public_results(
    figures: OrganizationFigures, satisfaction: list[AudienceSatisfaction]
) -> PublicResults:
    by_form = forms_of(figures)
    return PublicResults(
        organization=figures.organization,
        mentors=count_figure(figures.mentors),
        mentees=count_figure(figures.mentees),
        pairs=count_figure(figures.pairs),
        # A share counts pupils among mentees and teachers among mentors, of the headcount.
        pupil_coverage=share_figure(figures.pupil_mentees, figures.headcount_pupils),
        teacher_coverage=share_figure(figures.teacher_mentors, figures.headcount_teachers),
        by_form=by_form,
        satisfaction=satisfaction_of(satisfaction),
        has_pairs=figures.pairs > 0,
    )
