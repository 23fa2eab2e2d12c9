"""django-import-export widgets that read cells the way ``values`` and ``columns`` describe."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export.widgets import Widget

from ..people.identity import normalize_email, normalize_name
from ..spreadsheets import values
from ..spreadsheets.columns import normalize_header
from .remembered import Remembered

# «Смирнова Елена <lena@example.com>»: a person by full name and e-mail together.
ADDRESSED = re.compile(r"(?P<name>[^<>]*?)\s*<\s*(?P<email>[^<>\s]+@[^<>\s]+)\s*>")


class CellWidget(Widget):
    """A widget whose value depends on the cell alone: each distinct cell is read once."""

    def __init__(self):
        super().__init__()
        self.remembered = Remembered()

    def clean(self, value, row=None, **kwargs):
        return self.remembered(self.read, value)

    def read(self, value):
        raise NotImplementedError


class ColumnWidget(CellWidget):
    """Parses a cell with its column's parser; an empty cell leaves the field as it is."""

    def __init__(self, parse):
        super().__init__()
        self.parse = parse

    def read(self, value):
        if value in (None, ""):
            return None
        parsed = self.parse(value)
        return None if parsed in ("", []) else parsed


class ChoiceWidget(CellWidget):
    """A choice written as its label («Педагог»), in any case, or as its code."""

    def __init__(self, choices):
        super().__init__()
        self.choices = choices
        self.lookup = {}
        for code, label in choices:
            self.lookup[normalize_header(code)] = code
            self.lookup[normalize_header(str(label))] = code

    def read(self, value):
        key = normalize_header(value)
        if not key:
            return None
        if key not in self.lookup:
            raise ValueError(
                _("«%(value)s» is not one of: %(choices)s.")
                % {
                    "value": values.text(value),
                    "choices": ", ".join(str(label) for _code, label in self.choices),
                }
            )
        return self.lookup[key]


class NamedObjectsWidget(CellWidget):
    """Objects named in a cell («Учитель – учитель; Ученик – ученик»), looked up once each."""

    def __init__(self, queryset, attribute="name", many=True, create=False):
        super().__init__()
        self.queryset = queryset
        self.attribute = attribute
        self.many = many
        self.create = create
        self._known = None

    def known(self) -> dict:
        if self._known is None:
            self._known = {
                normalize_header(getattr(obj, self.attribute)): obj for obj in self.queryset.all()
            }
        return self._known

    def find(self, name: str):
        key = normalize_header(name)
        found = self.known().get(key)
        if found is None and self.create:
            field = self.queryset.model._meta.get_field(self.attribute)
            try:
                field.clean(name, None)  # its length, as the organisation's form checks it
            except ValidationError as error:
                raise ValueError(" ".join(error.messages)) from error
            found = self.queryset.model.objects.create(**{self.attribute: name})
            self._known[key] = found
        if found is None:
            raise ValueError(
                _("There is no «%(name)s»; known: %(known)s.")
                % {
                    "name": name,
                    "known": ", ".join(getattr(o, self.attribute) for o in self.known().values()),
                }
            )
        return found

    def read(self, value):
        names = values.items(value) if self.many else [values.text(value)]
        names = [name for name in names if name]
        if not names:
            return None
        found = [self.find(name) for name in names]
        return found if self.many else found[0]


class OrganizationWidget(NamedObjectsWidget):
    """An organisation by its full or short name; one the base lacks is added only if
    ``create``: coordinators may add organisations, a curator acts for ones that exist."""

    def __init__(self, queryset, create=False):
        super().__init__(queryset, attribute="name", many=False, create=create)

    def known(self) -> dict:
        if self._known is None:
            self._known = {}
            for organization in self.queryset.all():
                for name in (organization.short_name, organization.name):
                    if name:
                        self._known.setdefault(normalize_header(name), organization)
        return self._known

    def find(self, name: str):
        if not self.create and normalize_header(name) not in self.known():
            raise ValueError(
                _(
                    "There is no organisation «%(name)s» in the base: write its name as the "
                    "base does, or ask the municipal coordinator to add it."
                )
                % {"name": name}
            )
        return super().find(name)


class PersonWidget(CellWidget):
    """People named by e-mail, by full name, or by both as «Full name <e-mail>».

    A name two people share needs the e-mail; an e-mail two people share (siblings whose
    parent filled in the form) needs the full name with it. Only ``queryset`` is searched.
    """

    def __init__(self, queryset, many, messages):
        super().__init__()
        self.queryset = queryset
        self.many = many
        self.messages = messages  # "missing", "ambiguous": %(name)s; "shared": %(email)s…
        self._by_email = self._by_name = None

    def load(self) -> None:
        self._by_email, self._by_name = {}, {}
        for person in self.queryset:
            if person.email:
                self._by_email.setdefault(normalize_email(person.email), []).append(person)
            self._by_name.setdefault(normalize_name(person.full_name), []).append(person)

    def find(self, name: str):
        if self._by_email is None:
            self.load()
        addressed = ADDRESSED.fullmatch(name)
        if addressed and addressed["name"]:
            found = self.find_both(addressed["name"], addressed["email"])
        elif "@" in name:
            email = addressed["email"] if addressed else name
            found = self._by_email.get(normalize_email(email), [])
            if len(found) > 1:
                raise ValueError(
                    self.messages["shared"]
                    % {
                        "email": email,
                        "names": ", ".join(person.full_name for person in found),
                        "example": f"{found[0].full_name} <{email}>",
                    }
                )
        else:
            found = self._by_name.get(normalize_name(name), [])
        if len(found) != 1:
            raise ValueError(self.messages["ambiguous" if found else "missing"] % {"name": name})
        return found[0]

    def find_both(self, name: str, email: str) -> list:
        """The people with this name and e-mail; else, as for any record without an e-mail,
        the people with this name and no e-mail."""
        name = normalize_name(name)
        found = [
            person
            for person in self._by_email.get(normalize_email(email), [])
            if normalize_name(person.full_name) == name
        ]
        return found or [person for person in self._by_name.get(name, []) if not person.email]

    def read(self, value):
        names = values.items(value) if self.many else [values.text(value)]
        found = [self.find(name) for name in names if name]
        if not found:
            return None
        return found if self.many else found[0]
