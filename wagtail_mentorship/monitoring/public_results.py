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
from .report import NO_FORM, OrganizationFigures
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
# A figure of five or more hidden only because the total minus it would give back a figure
# of fewer than five: «менее 5» would be untrue of it.
WITHHELD = Figure(_("not shown"), suppressed=True)


def too_few(people: int) -> bool:
    return people < SMALLEST_PUBLISHED


def count_figure(people: int, hidden: bool = False) -> Figure:
    if too_few(people):
        return SUPPRESSED
    return WITHHELD if hidden else Figure(str(people))


def share_figure(people: int, value: float | None) -> Figure | None:
    """A share of ``people`` in a whole; None when the whole is not known."""
    if value is None:
        return None
    return SUPPRESSED if too_few(people) else Figure(percent(value))


def mean_figure(people: int, mean: float) -> Figure:
    if too_few(people):
        return SUPPRESSED
    return Figure(_("%(mean)s out of 10") % {"mean": decimal(mean)})


def hidden_cells(counts: list[int]) -> list[bool]:
    """Which of a column's counts to suppress: those below five, and, when that is only one,
    the smallest other one too, or the published total minus the others would give it back."""
    hidden = [too_few(count) for count in counts]
    if hidden.count(True) == 1 and len(counts) > 1:
        shown = [(count, i) for i, count in enumerate(counts) if not hidden[i]]
        hidden[min(shown)[1]] = True
    return hidden


@dataclass(frozen=True)
class FormResults:
    form: str
    pairs: Figure
    mentors: Figure
    mentees: Figure


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
    def has_withheld(self) -> bool:
        return any(
            figure is WITHHELD
            for row in self.by_form
            for figure in (row.pairs, row.mentors, row.mentees)
        )


def forms_of(figures: OrganizationFigures) -> list[FormResults]:
    rows = figures.by_form
    columns = [
        hidden_cells([getattr(row, name) for row in rows])
        for name in ("pairs", "mentors", "mentees")
    ]
    return [
        FormResults(
            form=row.form if row.form != NO_FORM else _("No form"),
            pairs=count_figure(row.pairs, columns[0][i]),
            mentors=count_figure(row.mentors, columns[1][i]),
            mentees=count_figure(row.mentees, columns[2][i]),
        )
        for i, row in enumerate(rows)
    ]


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
    return PublicResults(
        organization=figures.organization,
        mentors=count_figure(figures.mentors),
        mentees=count_figure(figures.mentees),
        pairs=count_figure(figures.pairs),
        # A share is computed from the people it counts: pupils among mentees, teachers
        # among mentors.
        pupil_coverage=share_figure(figures.pupil_mentees, figures.pupil_coverage),
        teacher_coverage=share_figure(figures.teacher_mentors, figures.teacher_coverage),
        by_form=forms_of(figures),
        satisfaction=satisfaction_of(satisfaction),
        has_pairs=figures.pairs > 0,
    )
