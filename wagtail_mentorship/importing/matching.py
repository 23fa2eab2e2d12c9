"""Which person of the base, and which earlier row of the file, a row of people is about.

A row is the person already in the base with the same e-mail and normalised full name; when
the row or the person has no e-mail, the one with the same name and organisation (and class,
for mentees). Siblings share the e-mail of the parent who filled in the form and namesakes
share a name, so neither alone makes two records one person; the preview notes both. Rows
are compared with the earlier rows of the file by the same rule, so importing a file twice
creates no one twice. The people of the base are read once, before the first row.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..people.identity import normalize_email, normalize_name
from ..spreadsheets import values
from .columns_resource import ColumnsResource
from .rows import ROW

ELSEWHERE = gettext_lazy(
    "%(name)s is in the base of another organisation: ask the municipal coordinator."
)
SAME_ROW = gettext_lazy("The same person as in row %(row)s of this file.")
AMBIGUOUS_ROWS = gettext_lazy(
    "Rows %(rows)s are different people called «%(name)s»: add the e-mail of the one this "
    "row is about."
)
AMBIGUOUS_PEOPLE = gettext_lazy(
    "Several people called «%(name)s» are in the base: %(people)s. Add the e-mail of the one "
    "this row is about."
)
NAMESAKE_IN_BASE = gettext_lazy(
    "Namesake of %(name)s (%(email)s) already in the base: imported as a different person, "
    "since the e-mails differ."
)
NAMESAKE_IN_FILE = gettext_lazy(
    "Namesake of %(name)s (%(email)s) in row %(row)s: imported as a different person, since "
    "the e-mails differ."
)
SIBLING_IN_BASE = gettext_lazy(
    "Shares the e-mail %(email)s with %(name)s already in the base: imported as a different "
    "person, since the names differ."
)
SIBLING_IN_FILE = gettext_lazy(
    "Shares the e-mail %(email)s with %(name)s (row %(row)s): imported as a different person, "
    "since the names differ."
)


class PeopleMatchingResource(ColumnsResource):
    """A resource of people that finds the person of the base each row is about, and notes
    the namesakes and siblings it tells apart."""

    m2m_field = ""  # the mentorship forms, read with the people of the base

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # The people of the base the importer may change, read once for the whole file.
        self.by_email = None  # e-mail → the people with it
        self.by_name = {}  # name key → the people with it
        # E-mail → the names of the people of organisations the importer does not act for.
        self.elsewhere = {}
        # The rows read so far, compared with each next row by the same rule: e-mail, and the
        # name key's hash, → the row (number, e-mail, full name, *the rest of its name key),
        # or a list of rows. One tuple a row, sharing the strings of its cells, and no name key
        # kept (it is made again from the full name on a match): 100,000 rows are in memory.
        self.rows_by_email = {}
        self.rows_by_name = {}
        self.row_errors = {}  # row number → {field: message} found while matching the row

    def person_extra(self, person) -> tuple:
        return ()

    def row_extra(self, row) -> tuple:
        return ()

    def before_import(self, dataset, **kwargs):
        """The base, read once for all the datasets of a file."""
        if self.by_email is not None:
            return
        self.by_email = {}
        people = self.within_reach(self._meta.model, ["change"])
        for person in people.prefetch_related(self.m2m_field):
            if person.email:
                self.by_email.setdefault(normalize_email(person.email), []).append(person)
            key = (normalize_name(person.full_name), person.organization_id)
            self.by_name.setdefault((*key, *self.person_extra(person)), []).append(person)
        if not self.scope.everything:
            others = self._meta.model.objects.exclude(pk__in=people.values("pk"))
            for email, name in others.exclude(email="").values_list("email", "full_name"):
                self.elsewhere.setdefault(normalize_email(email), set()).add(normalize_name(name))

    def get_instance(self, instance_loader, row):
        try:
            organization = self.row_organization(row)
        except ValueError:
            return None  # import_instance reports the cell
        number, full_name = row[ROW], values.text(row.get("full_name", ""))
        email, name = normalize_email(values.text(row.get("email", ""))), normalize_name(full_name)
        key = (name, organization.pk if organization else None, *self.row_extra(row))
        errors = {}
        self.match_earlier_rows(number, email, name, key, full_name, errors)
        person = self.match_base(number, email, name, key, full_name, errors)
        earlier = (number, email, full_name, *key[1:])
        if email:
            remember(self.rows_by_email, email, earlier)
        remember(self.rows_by_name, hash(key), earlier)
        if errors:
            self.row_errors[number] = errors
        return person

    def match_earlier_rows(self, number, email, name, key, full_name, errors) -> None:
        """An earlier row of the same person is an error; namesakes and siblings are noted."""
        same, emails = [], set()
        if email:
            for row, _email, other_full_name, *_place in recalled(self.rows_by_email, email):
                if normalize_name(other_full_name) == name:
                    same.append(row)
                else:
                    about = {"email": email, "name": other_full_name, "row": row}
                    self.notes.append((number, "email", SIBLING_IN_FILE % about))
        for row, other_email, other_full_name, *place in recalled(self.rows_by_name, hash(key)):
            if (normalize_name(other_full_name), *place) != key:
                continue  # another name key with the same hash
            if not (email and other_email):  # one of them has no e-mail: the name decides
                same.append(row)
                emails.add(other_email)
            elif other_email != email:
                about = {"name": other_full_name, "email": other_email, "row": row}
                self.notes.append((number, "full_name", NAMESAKE_IN_FILE % about))
        if len(emails - {""}) > 1:  # a row without e-mail, and namesakes with theirs
            rows = ", ".join(str(row) for row in sorted(set(same)))
            errors["full_name"] = AMBIGUOUS_ROWS % {"rows": rows, "name": full_name}
        elif same:
            errors["full_name"] = SAME_ROW % {"row": min(same)}

    def match_base(self, number, email, name, key, full_name, errors):
        """The person of the base the row is about, if any; namesakes and siblings are noted."""
        person = None
        for other in self.by_email.get(email, ()):
            if normalize_name(other.full_name) == name:
                person = person or other
            else:
                about = {"email": other.email, "name": other.full_name}
                self.notes.append((number, "email", SIBLING_IN_BASE % about))
        namesakes = self.by_name.get(key, ())
        if person is None:
            # One of the two has no e-mail: the name within the organisation decides.
            candidates = [other for other in namesakes if not (email and other.email)]
            if len(candidates) == 1:
                person = candidates[0]
            elif candidates:
                people = ", ".join(self.described(other) for other in candidates)
                errors.setdefault(
                    "full_name", AMBIGUOUS_PEOPLE % {"name": full_name, "people": people}
                )
        for other in namesakes:
            if email and other.email and normalize_email(other.email) != email:
                about = {"name": other.full_name, "email": other.email}
                self.notes.append((number, "full_name", NAMESAKE_IN_BASE % about))
        if person is None and name in self.elsewhere.get(email, ()):
            # Never another organisation's person, and no more said of them than this.
            errors["email"] = ELSEWHERE % {"name": full_name}
        return person

    @staticmethod
    def described(person) -> str:
        """A person as told apart from their namesakes."""
        return f"{person.full_name} ({person.email or person.phone or _('no e-mail')})"


def remember(index: dict, key, row: tuple) -> None:
    """Adds ``row`` under ``key``: the row itself while it is the only one, else a list."""
    found = index.get(key)
    if found is None:
        index[key] = row
    elif isinstance(found, list):
        found.append(row)
    else:
        index[key] = [found, row]


def recalled(index: dict, key) -> list:
    """The rows ``remember`` added under ``key``."""
    found = index.get(key)
    return [] if found is None else found if isinstance(found, list) else [found]
