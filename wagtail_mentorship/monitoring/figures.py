"""The monitoring report's figures as rows of text, one value per column (the organisations,
then their total): the same rows for the admin page, its xlsx file and the analytical note."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from ..models import MentorshipPair
from ..models.surveys import Survey

EMPTY = "—"


def tenths(value) -> Decimal:
    """``value`` rounded half up to one decimal place: ``number_format`` alone cuts a float's
    digits off (8/9 would read «88,8 %»). Adding 0 turns a rounded «-0,0» into «0,0»."""
    return Decimal(str(value)).quantize(Decimal("0.1"), ROUND_HALF_UP) + 0


def percent(value) -> str:
    return EMPTY if value is None else f"{number_format(tenths(value * 100), 1)} %"


def decimal(value) -> str:
    return EMPTY if value is None else number_format(tenths(value), 1)


def signed(value) -> str:
    return f"+{decimal(value)}" if tenths(value) > 0 else decimal(value)


def audience_label(value) -> str:
    return Survey.Audience(value).label


def growth_text(growth) -> str:
    """«5,0 → 7,5 (+2,5)»."""
    return f"{decimal(growth.start)} → {decimal(growth.end)} ({signed(growth.change)})"


def growth_label(audience, question) -> str:
    return _("Growth, %(audience)s: %(question)s") % {
        "audience": audience_label(audience).lower(),
        "question": question,
    }


def column_headers(report) -> list[str]:
    return [str(_("Figure"))] + [str(f.organization) for f in report.columns]


def figure_rows(report) -> list[tuple]:
    """(figure, one value per column): the summary table, the xlsx file and the docx note."""
    columns = report.columns
    rows = [
        (_("Mentors"), [f.mentors for f in columns]),
        (_("Mentees"), [f.mentees for f in columns]),
        (_("Pupils among mentees"), [f.pupil_mentees for f in columns]),
        (_("Pupils in the organisation"), [f.headcount_pupils or EMPTY for f in columns]),
        (_("Coverage of pupils"), [percent(f.pupil_coverage) for f in columns]),
        (_("Teachers among mentors"), [f.teacher_mentors for f in columns]),
        (_("Teachers in the organisation"), [f.headcount_teachers or EMPTY for f in columns]),
        (_("Coverage of teachers"), [percent(f.teacher_coverage) for f in columns]),
        (_("Pairs and groups"), [f.pairs for f in columns]),
    ]
    for position, (_value, status) in enumerate(MentorshipPair.Status.choices):
        rows.append((status, [f.status_counts()[position][1] for f in columns]))
    forms_named = sorted({row.form for f in columns for row in f.by_form})
    for form in forms_named:
        label = form or _("No form")
        counts = [{row.form: row for row in f.by_form}.get(form) for f in columns]
        rows.append(
            (
                _("%(form)s: mentors / mentees / pairs") % {"form": label},
                [f"{c.mentors} / {c.mentees} / {c.pairs}" if c else EMPTY for c in counts],
            )
        )
    rows += [
        (_("Completed share"), [percent(f.completed_share) for f in columns]),
        (_("Meetings held"), [f.meetings for f in columns]),
        (_("Survey invitations"), [f.invited for f in columns]),
        (_("Surveys answered"), [f.responded for f in columns]),
        (_("Response rate"), [percent(f.response_rate) for f in columns]),
    ]
    questions = sorted({(m.survey, m.question) for f in columns for m in f.scale_means})
    for survey, question in questions:
        means = [
            next(
                (m.mean for m in f.scale_means if (m.survey, m.question) == (survey, question)),
                None,
            )
            for f in columns
        ]
        rows.append((f"{survey}: {question}", [decimal(mean) for mean in means]))
    changes = sorted({(g.audience, g.question) for f in columns for g in f.growth})
    for audience, question in changes:
        growth = [
            next((g for g in f.growth if (g.audience, g.question) == (audience, question)), None)
            for f in columns
        ]
        rows.append(
            (growth_label(audience, question), [growth_text(g) if g else EMPTY for g in growth])
        )
    return rows
