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
# The figures of an organisation that a total adds up as they are: each pair, meeting and
# invitation belongs to one organisation. People do not: a mentor may have pairs in two, so
# the total counts them apart (``ProgrammeReport.people``).
COUNTS = ("pairs", "completed_pairs", "meetings", "invited", "responded")


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
    start_answers: int = 0
    end_answers: int = 0

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
    # The people of all the organisations, each counted once, when there are several.
    people: OrganizationFigures | None = None

    @property
    def label(self) -> str:
        return f"{self.year}/{self.year + 1}"

    @cached_property
    def total(self) -> OrganizationFigures | None:
        """The organisations together, when there are several side by side."""
        if len(self.organizations) < 2:
            return None
        return total_of(self.organizations, self.people)

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


def total_of(columns: list[OrganizationFigures], people: OrganizationFigures):
    """The organisations together: pairs, meetings and invitations summed, people as counted
    once in ``people``; shares follow from the totals, means are weighted by their answers
    (no mean of percentages), and the growth of a question is only of the organisations that
    asked it both at the start and at the end."""
    total = OrganizationFigures(_("Total"))
    for name in COUNTS:
        setattr(total, name, sum(getattr(f, name) for f in columns))
    for name in PEOPLE:
        setattr(total, name, getattr(people, name))
    total.by_form = people.by_form
    total.headcount_pupils = sum_or_none(f.headcount_pupils for f in columns)
    total.headcount_teachers = sum_or_none(f.headcount_teachers for f in columns)
    for status, count in (item for f in columns for item in f.by_status.items()):
        total.by_status[status] = total.by_status.get(status, 0) + count
    means = defaultdict(list)
    for mean in (mean for f in columns for mean in f.scale_means):
        means[mean.stage, mean.audience, mean.survey, mean.question].append(mean)
    for (stage, audience, survey, question), parts in sorted(means.items()):
        answers = sum(part.answers for part in parts)
        weighted = weighted_mean((part.mean, part.answers) for part in parts)
        total.scale_means.append(ScaleMean(survey, audience, question, weighted, answers, stage))
    growths = defaultdict(list)
    for growth in (growth for f in columns for growth in f.growth):
        growths[growth.audience, growth.question].append(growth)
    for (audience, question), parts in sorted(growths.items()):
        total.growth.append(
            Growth(
                audience,
                question,
                weighted_mean((part.start, part.start_answers) for part in parts),
                weighted_mean((part.end, part.end_answers) for part in parts),
                sum(part.start_answers for part in parts),
                sum(part.end_answers for part in parts),
            )
        )
    return total


def weighted_mean(means) -> float:
    """The mean of (mean, answers) parts, as if of all their answers together."""
    means = list(means)
    return sum(mean * answers for mean, answers in means) / sum(answers for _m, answers in means)


# Named apart from the relations: an annotation «mentees» would hide ``mentees__…``.
FORM_COUNTS = {
    "mentor_count": Count("mentor", distinct=True),
    "mentee_count": Count("mentees", distinct=True),
    "pair_count": Count("pk", distinct=True),
}
PERSON_COUNTS = {
    **FORM_COUNTS,
    "teacher_mentors": Count(
        "mentor", distinct=True, filter=Q(mentor__category=Mentor.Category.TEACHER)
    ),
    "pupil_mentees": Count(
        "mentees", distinct=True, filter=Q(mentees__category=Mentee.Category.PUPIL)
    ),
    "completed_pairs": Count("pk", distinct=True, filter=Q(status=MentorshipPair.Status.COMPLETED)),
}
# The figures ``set_counts`` takes that a total counts once over all the organisations.
PEOPLE = ("mentors", "mentees", "teacher_mentors", "pupil_mentees")


def set_counts(target: OrganizationFigures, row: dict) -> None:
    target.mentors, target.mentees = row["mentor_count"], row["mentee_count"]
    target.pairs, target.completed_pairs = row["pair_count"], row["completed_pairs"]
    target.teacher_mentors, target.pupil_mentees = row["teacher_mentors"], row["pupil_mentees"]


def form_figures(row: dict) -> FormFigures:
    return FormFigures(
        row["form__name"] or NO_FORM, row["mentor_count"], row["mentee_count"], row["pair_count"]
    )


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

    for row in pairs.values("organization").annotate(**PERSON_COUNTS).order_by():
        set_counts(figures[row["organization"]], row)
    for row in (
        pairs.values("organization", "form__name").annotate(**FORM_COUNTS).order_by("form__name")
    ):
        figures[row["organization"]].by_form.append(form_figures(row))
    people = None
    if len(organizations) > 1:  # the people of all of them, each once
        people = OrganizationFigures(_("Total"))
        set_counts(people, pairs.aggregate(**PERSON_COUNTS))
        by_form = pairs.values("form__name").annotate(**FORM_COUNTS).order_by("form__name")
        people.by_form = [form_figures(row) for row in by_form]

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

    columns = [figures[o.pk] for o in organizations]
    return ProgrammeReport(year, starts_on, ends_on, columns, people)


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
        (m.audience, m.question): m for stage, m in means if stage == Survey.Stage.GROWTH_START
    }
    growth = []
    for stage, mean in means:
        start = starts.get((mean.audience, mean.question))
        if stage == Survey.Stage.GROWTH_END and start is not None:
            growth.append(
                Growth(
                    mean.audience,
                    mean.question,
                    start.mean,
                    mean.mean,
                    start.answers,
                    mean.answers,
                )
            )
    return growth
