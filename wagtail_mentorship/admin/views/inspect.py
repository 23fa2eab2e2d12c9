"""Inspect pages as a curator reads them: «—» for whatever is empty, and the people, pairs and
meetings a record connects to, linked, within what the user may see."""

from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from wagtail.snippets.views.snippets import InspectView

from ...access.activation import activation_blockers
from ...access.people_choosers import person_details
from ...access.policies import READ, policy_for
from ...models import MentorshipPair
from ..links import snippet_url

EMPTY = "—"
HIDDEN_FIELDS = ("id", "created_at", "updated_at")


class ReadableInspectMixin:
    """«—» for an empty value, «Да»/«Нет» for a flag, and the rows of ``get_extra_fields()``
    (name → label) that are no model fields, each shown by ``get_<name>_display_value``."""

    # The model field the extra rows follow; at the end when None or absent.
    extra_fields_after = None

    def get_extra_fields(self) -> dict:
        return {}

    def get_fields(self):
        fields = list(super().get_fields())
        if not self.fields:
            # Django 6.1 no longer counts a many-to-many field as concrete, and Wagtail lists
            # concrete fields only: they keep their place at the end, as on Django 5.2.
            fields += [
                field.name
                for field in self.model._meta.many_to_many
                if field.name not in fields and field.name not in self.fields_exclude
            ]
        at = len(fields)
        if self.extra_fields_after in fields:
            at = fields.index(self.extra_fields_after) + 1
        return [*fields[:at], *self.get_extra_fields(), *fields[at:]]

    def get_field_label(self, field_name, field):
        extra = self.get_extra_fields()
        if field_name in extra:
            return extra[field_name]
        return super().get_field_label(field_name, field)

    def get_field_display_value(self, field_name, field):
        own_display = callable(getattr(self, f"get_{field_name}_display_value", None))
        if not own_display and getattr(self.object, field_name, None) in (None, ""):
            return EMPTY
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if value is None or (isinstance(value, str) and value.strip() in ("", "-")):
            return EMPTY
        return value

    def visible(self, model, queryset):
        return policy_for(model).filter_for_user(self.request.user, queryset, READ)


def linked_list(items) -> str:
    """(url, text, note) as a list of links, each followed by its note; «—» for none."""
    if not items:
        return EMPTY
    rows = format_html_join("", '<li><a href="{}">{}</a>{}</li>', items)
    return format_html('<ul class="mentorship-links">{}</ul>', rows)


def noted(text) -> str:
    return f" — {text}" if text else ""


def pair_note(pair) -> str:
    """«Действует, Учитель – учитель, с 01.09.2025»."""
    since = pair.start_date and date_format(pair.start_date, "SHORT_DATE_FORMAT")
    since = since and _("since %(date)s") % {"date": since}
    return ", ".join(str(part) for part in (pair.get_status_display(), pair.form, since) if part)


def pair_links(pairs) -> str:
    return linked_list(
        [(snippet_url(type(p), "inspect", p.pk), str(p), noted(pair_note(p))) for p in pairs]
    )


def person_item(person) -> tuple:
    """A person linked to their page, told apart by class or position, school and consent."""
    url = snippet_url(type(person), "inspect", person.pk)
    return url, person.full_name, noted(person_details(person))


def people_links(people) -> str:
    return linked_list([person_item(person) for person in people])


class PairInspectView(ReadableInspectMixin, InspectView):
    template_name = "wagtail_mentorship/admin/pair_inspect.html"
    extra_fields_after = "development_plan"

    def get_fields(self):
        return [name for name in super().get_fields() if name not in HIDDEN_FIELDS]

    def get_extra_fields(self):
        return {"meetings": _("Meetings")}

    def get_mentor_display_value(self):
        return format_html('<a href="{}">{}</a>{}', *person_item(self.object.mentor))

    def get_mentees_display_value(self):
        return people_links(self.object.mentees.select_related("organization"))

    def get_meetings_display_value(self):
        meetings = self.object.meetings.order_by("date")
        if not meetings:
            return EMPTY
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (date_format(m.date, "SHORT_DATE_FORMAT"), m.get_kind_display(), m.notes or EMPTY)
                for m in meetings
            ),
        )
        return format_html(
            '<table class="listing mentorship-meetings"><thead><tr>'
            '<th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th>'
            "</tr></thead><tbody>{}</tbody></table>",
            _("Date"),
            _("Kind"),
            _("Notes"),
            rows,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["blockers"] = activation_blockers(self.object)
        return context


class PersonConnectionsMixin(ReadableInspectMixin):
    """A person's pairs, and a mentor's current mentees, within what the user may see."""

    extra_fields_after = "organization"

    def get_extra_fields(self):
        fields = {"pairs": _("Pairs")}
        if self.model._meta.model_name == "mentor":
            fields["current_mentees"] = _("Current mentees")
        return fields

    def visible_pairs(self):
        pairs = self.object.pairs.select_related("mentor", "form").prefetch_related("mentees")
        return self.visible(MentorshipPair, pairs).order_by("-start_date", "-created_at")

    def get_pairs_display_value(self):
        return pair_links(self.visible_pairs())

    def get_current_mentees_display_value(self):
        pairs = self.visible_pairs().filter(status__in=MentorshipPair.CURRENT_STATUSES)
        mentees = {m.pk: m for pair in pairs for m in pair.mentees.all()}
        model = MentorshipPair.mentees.field.related_model
        visible = self.visible(model, model.objects.filter(pk__in=mentees))
        return people_links(visible.select_related("organization").order_by("full_name"))
