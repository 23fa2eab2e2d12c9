"""Wagtail's InlinePanel with a Russian «Add …» button.

Wagtail writes «Add {{ label }}» with the children's label, which stays in the nominative
(«Встреча 1»); the button wants the accusative («Добавить встречу»): it comes from the
child model's wording (``wording.py``).
"""

from wagtail.admin.panels import InlinePanel as WagtailInlinePanel

from .wording import wording_for


class InlinePanel(WagtailInlinePanel):
    class BoundPanel(WagtailInlinePanel.BoundPanel):
        template_name = "wagtail_mentorship/panels/inline_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            wording = wording_for(self.panel.db_field.related_model)
            context["add_label"] = wording.add if wording else None
            return context
