"""The activity row's date fields in the stage page's editor, each with the date the
activity's free-text timing names offered as a button: the editor fills the field by a
click, nothing is set or saved without it."""

from django.core.exceptions import ObjectDoesNotExist
from django.templatetags.static import static
from django.utils.dateformat import format as date_format
from django.utils.html import format_html
from django.utils.translation import gettext
from wagtail.admin.panels import FieldPanel

from .activity_timing import Period, parse_period, parse_timing

OFFER_SCRIPT = "wagtail_mentorship/admin/timing_offer.js"
_PERIOD_CACHE = "_mentorship_roadmap_period"


def roadmap_period(activity) -> Period | None:
    """The period of the activity's roadmap, read once per stage page being edited."""
    try:
        stage = activity.page
    except ObjectDoesNotExist:
        return None
    if not stage.pk:
        return None  # a stage not created yet: only timings that name their year are read
    if not hasattr(stage, _PERIOD_CACHE):
        roadmap = stage.get_parent().specific
        setattr(stage, _PERIOD_CACHE, parse_period(getattr(roadmap, "period", "")))
    return getattr(stage, _PERIOD_CACHE)


class OfferedDatePanel(FieldPanel):
    """``start_date`` or ``due_date`` of an activity row, with the timing's date on offer."""

    class BoundPanel(FieldPanel.BoundPanel):
        def offered_date(self):
            if self.bound_field.value() or "timing" not in self.form.fields:
                return None
            timing = self.form["timing"].value() or ""
            if not timing.strip():
                return None
            dates = parse_timing(timing, roadmap_period(self.instance))
            return dates.start if self.field_name == "start_date" else dates.due

        def render_html(self, parent_context=None):
            html = super().render_html(parent_context)
            offered = self.offered_date()
            if offered is None:
                return html
            return html + format_html(
                '<button type="button" class="button button-small button-secondary '
                'mentorship-offered-date" data-mentorship-offer-for="{}" '
                'data-mentorship-offer-date="{}" title="{}">{}</button>',
                self.bound_field.id_for_label,
                self.bound_field.field.widget.format_value(offered),
                gettext("From the timing: %(timing)s") % {"timing": self.form["timing"].value()},
                gettext("Suggest the date: %(date)s") % {"date": date_format(offered, "d.m.Y")},
            )


def offer_script() -> str:
    """For the editor's ``insert_editor_js`` hook: the inline rows' own media is not loaded."""
    return format_html('<script src="{}" defer></script>', static(OFFER_SCRIPT))
