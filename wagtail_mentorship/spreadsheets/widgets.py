"""django-import-export widgets that read cells the way ``values`` and ``columns`` describe."""

from django.utils.translation import gettext as _
from import_export.widgets import Widget

from ..identity import normalize_name
from . import values
from .columns import normalize_header


class ColumnWidget(Widget):
    """Parses a cell with its column's parser; an empty cell leaves the field as it is."""

    def __init__(self, parse):
        super().__init__()
        self.parse = parse

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        parsed = self.parse(value)
        return None if parsed in ("", []) else parsed


class ChoiceWidget(Widget):
    """A choice written as its label («Педагог»), in any case, or as its code."""

    def __init__(self, choices):
        super().__init__()
        self.choices = choices
        self.lookup = {}
        for code, label in choices:
            self.lookup[normalize_header(code)] = code
            self.lookup[normalize_header(str(label))] = code

    def clean(self, value, row=None, **kwargs):
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


class NamedObjectsWidget(Widget):
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

    def clean(self, value, row=None, **kwargs):
        names = values.items(value) if self.many else [values.text(value)]
        names = [name for name in names if name]
        if not names:
            return None
        found = [self.find(name) for name in names]
        return found if self.many else found[0]


class OrganizationWidget(NamedObjectsWidget):
    """An organisation by its full or short name; one the base lacks is added."""

    def __init__(self, queryset):
        super().__init__(queryset, attribute="name", many=False, create=True)

    def known(self) -> dict:
        if self._known is None:
            self._known = {}
            for organization in self.queryset.all():
                for name in (organization.short_name, organization.name):
                    if name:
                        self._known.setdefault(normalize_header(name), organization)
        return self._known


class PersonWidget(Widget):
    """People named by e-mail or by full name; a name two people share needs the e-mail."""

    def __init__(self, model, many, messages):
        super().__init__()
        self.model = model
        self.many = many
        self.messages = messages  # "missing", "ambiguous": texts with %(name)s
        self._by_email = self._by_name = None

    def load(self) -> None:
        self._by_email, self._by_name = {}, {}
        for person in self.model.objects.all():
            if person.email:
                self._by_email[person.email.strip().casefold()] = person
            self._by_name.setdefault(normalize_name(person.full_name), []).append(person)

    def find(self, name: str):
        if self._by_email is None:
            self.load()
        if "@" in name:
            found = [self._by_email[name.casefold()]] if name.casefold() in self._by_email else []
        else:
            found = self._by_name.get(normalize_name(name), [])
        if len(found) != 1:
            raise ValueError(self.messages["ambiguous" if found else "missing"] % {"name": name})
        return found[0]

    def clean(self, value, row=None, **kwargs):
        names = values.items(value) if self.many else [values.text(value)]
        found = [self.find(name) for name in names if name]
        if not found:
            return None
        return found if self.many else found[0]
