"""A survey round's answers collected elsewhere (a Google or Yandex Forms export), as the
pipeline reads them: a timestamp column, an e-mail column and a column per question headed by
its text. Each row is matched to the round's invitation by e-mail; its cells are read as the
participant's form would keep them, and saved in place of that invitation's answers.

A row is left out, and the preview says why, when it is not the person's last word: the
same person answered again later in the file, or through their personal link after the
row's time; or when the person has withdrawn their consent to processing.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ..models.surveys import SurveyAnswer, SurveyInvitation, SurveyQuestion
from ..monitoring.surveys.links import participant_label
from ..people.consent import processing_withdrawn
from ..people.identity import normalize_email
from ..spreadsheets import values
from ..spreadsheets.columns import EMAIL, TIMESTAMP_HEADERS, Column, normalize_header
from ..spreadsheets.values import EXCEL_EPOCH
from .reports import ColumnUse, PreviewRow, Problem
from .widgets import ChoiceWidget

SCALE = range(1, 11)
TEXT_MAX = 5000  # the longest answer the participant's form takes
TRIMMED_MIN = 12  # characters of a question a trimmed header must keep to be recognised
EMPTY = "—"
TIMESTAMP = Column(
    "submitted_at", "Отметка времени", "Timestamp", ("Время создания", "Дата и время ответа")
)
ANSWERED_AT_LABEL = gettext_lazy("time of the answer")
PARTICIPANT_LABEL = gettext_lazy("participant")
TIMESTAMP_FORMATS = (
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%Y/%m/%d %I:%M:%S %p",  # Google Forms' own csv: «2025/10/01 3:15:30 PM GMT+3»
    "%Y/%m/%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%m/%d/%Y %H:%M:%S",  # an English-language Google Sheet
    "%d.%m.%Y",
)
UTC_OFFSET = re.compile(r"\s*(?:GMT|UTC)\s*([+-])(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)
# A preview row's state: a first answer, a replacement of the answers given before, or a
# replacement of answers that may be later than the row, which has no time to tell.
NEW, UPDATED, UPDATED_UNDATED = "new", "updated", "updated_undated"


def question_field(question) -> str:
    return f"q{question.pk}"


def answer_columns(questions) -> tuple:
    """The e-mail, the timestamp and a column per question, headed by its text."""
    return (
        EMAIL,
        TIMESTAMP,
        *(Column(question_field(q), q.text, q.text) for q in questions),
    )


def recognise_forms_columns(match, columns, mapping) -> None:
    """What ``match_headers`` leaves to the answers that a Forms export still means: its
    timestamp column, and a question whose header the service trimmed. A column the curator
    mapped by hand stays as mapped."""
    for index, header in list(match.unmatched.items()):
        key = normalize_header(header)
        if key in mapping:
            continue
        column = None
        if key in TIMESTAMP_HEADERS and TIMESTAMP.field not in match.written:
            column = TIMESTAMP
        elif len(key) >= TRIMMED_MIN:
            trimmed = [
                c
                for c in columns
                if c.field not in match.written and c.keys[0].startswith(key + " ")
            ]
            column = trimmed[0] if len(trimmed) == 1 else None
        if column is not None:
            del match.unmatched[index]
            match.fields[index] = column
            match.written[column.field] = header


def answered_at(value) -> datetime.datetime | None:
    """The form's timestamp as the service wrote it; None if it cannot be read."""
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, datetime.date):
        moment = datetime.datetime.combine(value, datetime.time())
    elif isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        moment = datetime.datetime.combine(EXCEL_EPOCH, datetime.time())
        moment += datetime.timedelta(days=value)
    else:
        moment = _parsed_timestamp(values.text(value))
    if moment is None or timezone.is_aware(moment):
        return moment
    return timezone.make_aware(moment)


def shown_moment(moment) -> str:
    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M") if moment else EMPTY


def last_answered(invitation) -> datetime.datetime | None:
    """When the answers kept for the invitation were last given or changed."""
    return max(filter(None, (invitation.submitted_at, invitation.updated_at)), default=None)


def _parsed_timestamp(raw: str) -> datetime.datetime | None:
    zone = None
    offset = UTC_OFFSET.search(raw)
    if offset:
        sign = -1 if offset[1] == "-" else 1
        delta = datetime.timedelta(hours=int(offset[2]), minutes=int(offset[3] or 0))
        zone = datetime.timezone(sign * delta)
        raw = raw[: offset.start()]
    for fmt in TIMESTAMP_FORMATS:
        try:
            return datetime.datetime.strptime(raw, fmt).replace(tzinfo=zone)
        except ValueError:
            continue
    try:
        return datetime.datetime.fromisoformat(raw)
    except ValueError:
        return None


def parse_answer(question, cell):
    """A cell as the participant's form keeps the answer (``forms.stored``): a number for a
    scale, the choice for one choice, a list for several, else text; None for nothing.
    Raises ValueError with what is wrong."""
    Kind = SurveyQuestion.Kind
    if question.kind == Kind.SCALE:
        number = values.whole_number(cell)
        if number is not None and number not in SCALE:
            raise ValueError(_("«%(value)s» is not on the scale from 1 to 10.") % {"value": number})
        return number
    if question.kind == Kind.CHOICE:
        return _choice_widget(question).clean(cell)
    if question.kind == Kind.CHOICES:
        return chosen(question, cell) or None
    answer = values.text(cell)
    if len(answer) > TEXT_MAX:
        message = ngettext(
            "The answer has %(count)s character; the survey's form takes at most %(limit)s.",
            "The answer has %(count)s characters; the survey's form takes at most %(limit)s.",
            len(answer),
        )
        raise ValueError(message % {"count": len(answer), "limit": TEXT_MAX})
    return answer or None


def _choice_widget(question) -> ChoiceWidget:
    return ChoiceWidget([(choice, choice) for choice in question.choice_list()])


def chosen(question, cell) -> list[str]:
    """Several choices as Forms lists them, «a, b»: a choice with a comma of its own
    («Да, полностью») is found whole. In the order the question offers them."""
    widget = _choice_widget(question)
    parts = values.items(cell)
    found, start = set(), 0
    while start < len(parts):
        for end in range(len(parts), start, -1):  # the longest run of parts that is a choice
            try:
                found.add(widget.clean(", ".join(parts[start:end])))
            except ValueError:
                if end == start + 1:
                    raise
                continue
            start = end
            break
    return [choice for choice in question.choice_list() if choice in found]


def display(value) -> str:
    if value is None:
        return EMPTY
    return ", ".join(value) if isinstance(value, list) else str(value)


@dataclass
class AnsweredRow:
    """A row matched to its invitation, with its answers by question."""

    row: int
    invitation: object
    cells: dict  # field → cell
    moment: datetime.datetime | None
    answers: dict = field(default_factory=dict)  # question pk → value as kept

    @property
    def who(self) -> str:
        return participant_label(self.invitation, details=True)


@dataclass
class SurveyTable:
    """The file read against a round: the rows to save and what the preview says. The rows
    left out are notes, not problems: each is left out by rule, and the rest imports."""

    rows: list = field(default_factory=list)  # AnsweredRow to save, in the file's order
    problems: list = field(default_factory=list)
    replaced: list = field(default_factory=list)  # rows a later row of the same person replaces
    withdrawn: list = field(default_factory=list)  # rows of people who withdrew their consent
    answered_later: list = field(default_factory=list)  # rows older than the online answers
    columns: list = field(default_factory=list)  # ColumnUse of each column

    @property
    def notes(self) -> list:
        """Every row left out, with why, in the file's order."""
        return sorted([*self.replaced, *self.withdrawn, *self.answered_later], key=lambda n: n.row)


class SurveyAnswersReader:
    """Reads the rows of a header match against a round's questions and invitations."""

    def __init__(self, round_, questions, match):
        self.round = round_
        self.questions = questions
        self.match = match
        self.headers = match.written  # field → header as the file writes it
        self.invitations = {}
        invited = round_.invitations.select_related("mentor__organization", "mentee__organization")
        for invitation in invited:
            address = normalize_email(invitation.email or "")
            if address:
                self.invitations.setdefault(address, []).append(invitation)

    def read(self, numbered_rows) -> SurveyTable:
        table = SurveyTable(columns=self.column_uses())
        if EMAIL.field not in self.headers:
            table.problems.append(
                Problem(
                    None,
                    "",
                    _(
                        "No e-mail column was found: answers are matched to the participants "
                        "by e-mail. Map the column below."
                    ),
                )
            )
            return table
        for question in self.questions:
            if question.required and question_field(question) not in self.headers:
                message = _(
                    "No column answers the question «%(question)s», which needs an answer: "
                    "map its column below."
                )
                table.problems.append(Problem(None, "", message % {"question": question.text}))
        latest = {}  # invitation pk → the row kept for it
        for number, cells in numbered_rows:
            if not any(values.text(cell) for cell in cells):
                continue
            row = self.matched_row(number, self.cells_of(cells), table.problems)
            if row is None or self.left_out(row, table):
                continue
            kept = latest.get(row.invitation.pk)
            if kept is not None:
                earlier, later = sorted((kept, row), key=self.order)
                table.replaced.append(self.replaced(earlier, later))
                row = later
            latest[row.invitation.pk] = row
        table.rows = sorted(latest.values(), key=lambda r: r.row)
        if not table.rows and not table.problems:
            table.problems.append(Problem(None, "", _("No answer was found below the header row.")))
        for row in table.rows:
            self.read_answers(row, table.problems)
        table.replaced.sort(key=lambda note: note.row)
        table.problems.sort(key=lambda problem: (problem.row is not None, problem.row or 0))
        return table

    def cells_of(self, cells) -> dict:
        return {
            column.field: cells[index] if index < len(cells) else ""
            for index, column in self.match.fields.items()
        }

    @staticmethod
    def order(row):
        """Answers follow one another by their timestamps, then by the file's order."""
        moment = row.moment or datetime.datetime.min.replace(tzinfo=datetime.UTC)
        return (moment, row.row)

    def replaced(self, earlier, later) -> Problem:
        message = _(
            "%(who)s answered again later, in row %(row)s: that row's answers are imported, "
            "this row's are not."
        )
        return Problem(earlier.row, "", message % {"who": earlier.who, "row": later.row})

    def left_out(self, row, table) -> bool:
        """Whether the row is left out by rule, noted with why. Not a problem: nothing in
        the file is wrong and the curator cannot fix it, while refusing the whole file would
        hold back everyone else's answers; so, like a row the same person's later row
        replaces, the row is dropped, the preview lists it, and the rest imports."""
        if processing_withdrawn(row.invitation.participant):
            # As their personal link answers 410: the base takes no more answers of theirs.
            message = _(
                "%(who)s has withdrawn the consent to the processing of personal data: "
                "the answers are not imported."
            )
            column = self.headers[EMAIL.field]
            table.withdrawn.append(Problem(row.row, column, message % {"who": row.who}))
            return True
        online = last_answered(row.invitation)
        if row.moment is not None and online is not None and online > row.moment:
            message = _(
                "%(who)s answered later through the personal link (%(when)s): the answers "
                "from the table are not imported, those given through the link are kept."
            )
            column = self.headers[TIMESTAMP.field]
            about = {"who": row.who, "when": shown_moment(online)}
            table.answered_later.append(Problem(row.row, column, message % about))
            return True
        return False

    def matched_row(self, number, cells, problems) -> AnsweredRow | None:
        column = self.headers[EMAIL.field]
        address = values.text(cells.get(EMAIL.field, ""))
        found = self.invitations.get(normalize_email(address), []) if address else []
        if not address:
            message = _("The e-mail is empty: the answers cannot be matched to a participant.")
        elif not found:
            message = _("Nobody invited to this round has the e-mail %(email)s.") % {
                "email": address
            }
        elif len(found) > 1:
            message = _(
                "The e-mail %(email)s is the address of several participants of this round: "
                "%(names)s. Whose answers these are cannot be told: they answer through their "
                "personal links."
            ) % {
                "email": address,
                "names": "; ".join(participant_label(i, details=True) for i in found),
            }
        else:
            moment = answered_at(cells.get(TIMESTAMP.field, ""))
            return AnsweredRow(number, found[0], cells, moment)
        problems.append(Problem(number, column, message))
        return None

    def read_answers(self, row, problems) -> None:
        for question in self.questions:
            name = question_field(question)
            if name not in self.headers:
                continue
            column = self.headers[name]
            try:
                value = parse_answer(question, row.cells.get(name, ""))
            except ValueError as error:
                problems.append(Problem(row.row, column, str(error)))
                continue
            if value is None and question.required:
                message = _("The question needs an answer, and the cell is empty.")
                problems.append(Problem(row.row, column, message))
            row.answers[question.pk] = value

    def column_uses(self) -> list:
        uses = {}
        labels = {question_field(q): q.text for q in self.questions}
        labels[EMAIL.field] = EMAIL.russian
        labels[TIMESTAMP.field] = str(ANSWERED_AT_LABEL)
        for index, column in self.match.fields.items():
            header = self.headers[column.field]
            uses[index] = ColumnUse(header, ColumnUse.FIELD, labels[column.field])
        for index, header in self.match.unmatched.items():
            uses[index] = ColumnUse(header, ColumnUse.IGNORED)
        return [uses[index] for index in sorted(uses)]


def preview_rows(table, questions) -> list[PreviewRow]:
    """Each row to save: who answered, when, and the answers in the survey's order."""
    rows = []
    for row in table.rows:
        state = NEW
        if row.invitation.submitted_at:
            # A row with no time replaces the answers kept, though they may be the later.
            state = UPDATED if row.moment else UPDATED_UNDATED
        shown = [
            (str(PARTICIPANT_LABEL), row.who),
            (str(ANSWERED_AT_LABEL), shown_moment(row.moment)),
        ]
        shown += [(q.text, display(row.answers.get(q.pk))) for q in questions]
        rows.append(PreviewRow(row.row, state, shown))
    return rows


def save_answers(rows, questions) -> dict:
    """Each row's answers in place of its invitation's, every question written as the
    participant's form writes them; answered at the form's timestamp, else now. A
    replacement is dated at the row's time too, so that the next file's same row is not
    taken for answers given later through the link."""
    now = timezone.now()
    invitations = [row.invitation for row in rows]
    SurveyAnswer.objects.filter(invitation__in=invitations).delete()
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(invitation=row.invitation, question=q, value=row.answers.get(q.pk))
        for row in rows
        for q in questions
    )
    counts = {"new": 0, "updated": 0}
    for row in rows:
        invitation = row.invitation
        replaced = invitation.submitted_at is not None
        counts["updated" if replaced else "new"] += 1
        invitation.submitted_at = row.moment or now
        invitation.updated_at = invitation.submitted_at if replaced else None
    SurveyInvitation.objects.bulk_update(invitations, ["submitted_at", "updated_at"])
    return counts
