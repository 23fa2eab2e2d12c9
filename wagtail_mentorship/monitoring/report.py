"""The monitoring report's figures: per organisation and programme year, each computed by a
fixed handful of aggregate queries, whatever the number of people, pairs and answers."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count, F, FloatField, Q
from django.db.models.functions import Cast, Coalesce, TruncDate
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from ..models import MentorshipPair, OrganizationHeadcount, PairMeeting
from ..models.people import Mentee, Mentor
from ..models.surveys import Survey, SurveyAnswer, SurveyInvitation, SurveyQuestion

NO_FORM = ""  # the key of pairs without a form
# The figures of an organisation that a total adds up as they are.
COUNTS = (
    "mentors",
    "mentees",
    "teacher_mentors",
    "pupil_mentees",
    "pairs",
    "completed_pairs",
    "meetings",
    "invited",
    "responded",
)


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    """The programme year ``year``/``year + 1``: 1 September to 31 August."""
    return datetime.date(year, 9, 1), datetime.date(year + 1, 8, 31)


def programme_year_of(day: datetime.date) -> int:
    return day.year if day.month >= 9 else day.year - 1


def share(part: int, whole) -> float | None:
    return part / whole if whole else None


@dataclass
class FormFigures:
    form: str
    mentors: int = 0
    mentees: int = 0
    pairs: int = 0


@dataclass
class ScaleMean:
    survey: str
    audience: str
    question: str
    mean: float
    answers: int
    stage: str = ""


@dataclass
class Growth:
    audience: str
    question: str
    start: float
    end: float

    @property
    def change(self) -> float:
        return self.end - self.start


@dataclass
class OrganizationFigures:
    organization: object
    mentors: int = 0
    mentees: int = 0
    teacher_mentors: int = 0
    pupil_mentees: int = 0
    headcount_pupils: int | None = None
    headcount_teachers: int | None = None
    pairs: int = 0
    completed_pairs: int = 0
    by_form: list[FormFigures] = field(default_factory=list)
    by_status: dict[str, int] = field(default_factory=dict)
    meetings: int = 0
    invited: int = 0
    responded: int = 0
    scale_means: list[ScaleMean] = field(default_factory=list)
    growth: list[Growth] = field(default_factory=list)

    @property
    def pupil_coverage(self) -> float | None:
        return (
            None
            if self.headcount_pupils is None
            else share(self.pupil_mentees, self.headcount_pupils)
        )

    @property
    def teacher_coverage(self) -> float | None:
        if self.headcount_teachers is None:
            return None
        return share(self.teacher_mentors, self.headcount_teachers)

    @property
    def completed_share(self) -> float | None:
        return share(self.completed_pairs, self.pairs)

    @property
    def response_rate(self) -> float | None:
        return share(self.responded, self.invited)

    def status_counts(self) -> list[tuple[str, int]]:
        """Every status, in the model's order, with its label."""
        return [
            (label, self.by_status.get(value, 0)) for value, label in MentorshipPair.Status.choices
        ]


@dataclass
class ProgrammeReport:
    year: int
    starts_on: datetime.date
    ends_on: datetime.date
    organizations: list[OrganizationFigures]

    @property
    def label(self) -> str:
        return f"{self.year}/{self.year + 1}"

    @cached_property
    def total(self) -> OrganizationFigures | None:
        """The organisations together, when there are several side by side."""
        if len(self.organizations) < 2:
            return None
        return total_of(self.organizations)

    @property
    def columns(self) -> list[OrganizationFigures]:
        """The organisations, then their total: the columns of the tables and files."""
        return [*self.organizations, *([self.total] if self.total else [])]

    @property
    def summary(self) -> OrganizationFigures | None:
        """The figures that speak for the whole report: the total, or the one organisation."""
        return self.total or next(iter(self.organizations), None)


def sum_or_none(values):
    """The sum, or None when any part is unknown: a total over some schools only is no total."""
    values = list(values)
    return None if None in values else sum(values)


def total_of(columns: list[OrganizationFigures]) -> OrganizationFigures:
    """Counts summed; shares follow from the summed counts and means are weighted by their
    answers, so that a big school weighs more than a small one (no mean of percentages)."""
    total = OrganizationFigures(_("Total"))
    for name in COUNTS:
        setattr(total, name, sum(getattr(f, name) for f in columns))
    total.headcount_pupils = sum_or_none(f.headcount_pupils for f in columns)
    total.headcount_teachers = sum_or_none(f.headcount_teachers for f in columns)
    forms = {}
    for row in (row for f in columns for row in f.by_form):
        summed = forms.setdefault(row.form, FormFigures(row.form))
        summed.mentors += row.mentors
        summed.mentees += row.mentees
        summed.pairs += row.pairs
    total.by_form = sorted(forms.values(), key=lambda row: row.form)
    for status, count in (item for f in columns for item in f.by_status.items()):
        total.by_status[status] = total.by_status.get(status, 0) + count
    means = defaultdict(list)
    for mean in (mean for f in columns for mean in f.scale_means):
        means[mean.stage, mean.audience, mean.survey, mean.question].append(mean)
    merged = []
    for (stage, audience, survey, question), parts in sorted(means.items()):
        answers = sum(part.answers for part in parts)
        weighted = sum(part.mean * part.answers for part in parts) / answers
        merged.append((stage, ScaleMean(survey, audience, question, weighted, answers, stage)))
    total.scale_means = [mean for _stage, mean in merged]
    total.growth = growth_of(merged)
    return total


def pairs_of_year(organization_ids, year: int):
    """Pairs whose time (from the start, or the creation, to the end, or open) meets the year."""
    starts_on, ends_on = year_bounds(year)
    return (
        MentorshipPair.objects.filter(organization__in=organization_ids)
        .annotate(began_on=Coalesce("start_date", TruncDate("created_at")))
        .filter(began_on__lte=ends_on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=starts_on))
    )


def programme_report(organizations, year: int) -> ProgrammeReport:
    organizations = list(organizations)
    figures = {o.pk: OrganizationFigures(o) for o in organizations}
    ids = list(figures)
    starts_on, ends_on = year_bounds(year)
    pairs = pairs_of_year(ids, year)

    for row in OrganizationHeadcount.objects.filter(organization__in=ids, year=year).values():
        figures[row["organization_id"]].headcount_pupils = row["pupils"]
        figures[row["organization_id"]].headcount_teachers = row["teachers"]

    # Named apart from the relations: an annotation «mentees» would hide ``mentees__…``.
    people = {
        "mentor_count": Count("mentor", distinct=True),
        "mentee_count": Count("mentees", distinct=True),
        "pair_count": Count("pk", distinct=True),
    }
    totals = pairs.values("organization").annotate(
        **people,
        teacher_mentors=Count(
            "mentor", distinct=True, filter=Q(mentor__category=Mentor.Category.TEACHER)
        ),
        pupil_mentees=Count(
            "mentees", distinct=True, filter=Q(mentees__category=Mentee.Category.PUPIL)
        ),
        completed_pairs=Count(
            "pk", distinct=True, filter=Q(status=MentorshipPair.Status.COMPLETED)
        ),
    )
    for row in totals.order_by():
        target = figures[row["organization"]]
        target.mentors, target.mentees = row["mentor_count"], row["mentee_count"]
        target.pairs, target.completed_pairs = row["pair_count"], row["completed_pairs"]
        target.teacher_mentors, target.pupil_mentees = row["teacher_mentors"], row["pupil_mentees"]

    by_form = pairs.values("organization", "form__name").annotate(**people).order_by("form__name")
    for row in by_form:
        figures[row["organization"]].by_form.append(
            FormFigures(
                row["form__name"] or NO_FORM,
                row["mentor_count"],
                row["mentee_count"],
                row["pair_count"],
            )
        )

    by_status = pairs.values("organization", "status").annotate(n=Count("pk")).order_by()
    for row in by_status:
        figures[row["organization"]].by_status[row["status"]] = row["n"]

    meetings = (
        PairMeeting.objects.filter(pair__organization__in=ids, date__range=(starts_on, ends_on))
        .values("pair__organization")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in meetings:
        figures[row["pair__organization"]].meetings = row["n"]

    invitations = (
        SurveyInvitation.objects.filter(
            pair__organization__in=ids, round__opens_on__range=(starts_on, ends_on)
        )
        .values("pair__organization")
        .annotate(invited=Count("pk"), responded=Count("pk", filter=Q(submitted_at__isnull=False)))
        .order_by()
    )
    for row in invitations:
        target = figures[row["pair__organization"]]
        target.invited, target.responded = row["invited"], row["responded"]

    for organization_id, means in scale_means(ids, starts_on, ends_on).items():
        figures[organization_id].scale_means = [mean for _stage, mean in means]
        figures[organization_id].growth = growth_of(means)

    return ProgrammeReport(year, starts_on, ends_on, [figures[o.pk] for o in organizations])


def scale_means(ids, starts_on, ends_on) -> dict[int, list[tuple[str, ScaleMean]]]:
    """Per organisation, (stage, mean) of every scale question answered in the year's rounds."""
    answers = (
        SurveyAnswer.objects.filter(
            question__kind=SurveyQuestion.Kind.SCALE,
            invitation__pair__organization__in=ids,
            invitation__submitted_at__isnull=False,
            invitation__round__opens_on__range=(starts_on, ends_on),
            value__isnull=False,
        )
        .values(
            organization=F("invitation__pair__organization"),
            stage=F("question__survey__stage"),
            audience=F("question__survey__audience"),
            survey=F("question__survey__title"),
            text=F("question__text"),
        )
        .annotate(mean=Avg(Cast("value", FloatField())), answers=Count("pk"))
        .order_by("stage", "audience", "survey", "text")
    )
    means = defaultdict(list)
    for row in answers:
        mean = ScaleMean(
            row["survey"], row["audience"], row["text"], row["mean"], row["answers"], row["stage"]
        )
        means[row["organization"]].append((row["stage"], mean))
    return means


def growth_of(means: list[tuple[str, ScaleMean]]) -> list[Growth]:
    """The questions asked at the start and at the end of the same audience, by their text."""
    starts = {
        (m.audience, m.question): m.mean for stage, m in means if stage == Survey.Stage.GROWTH_START
    }
    growth = []
    for stage, mean in means:
        start = starts.get((mean.audience, mean.question))
        if stage == Survey.Stage.GROWTH_END and start is not None:
            growth.append(Growth(mean.audience, mean.question, start, mean.mean))
    return growth
