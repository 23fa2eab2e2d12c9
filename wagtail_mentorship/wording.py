"""How the admin names each of the app's models in a sentence.

Wagtail composes its labels from ``verbose_name`` («Add %(model_name)s», «%(model_name)s
'%(object)s' created.», «7 mentees»): in Russian the name then stands in the nominative where
the sentence wants the accusative or the genitive («Добавить наставляемый», «7 наставляемые»).
Each model here has its whole phrases instead, translated with the right case and gender; the
viewsets (``admin/viewsets/wording.py``), the listing's count and the inline panels use them.

This module imports nothing of the app, so models, access and admin may all use it.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.admin.paginator import WagtailPaginator

# Django 6.1 offers «- Select an option -» as a select's empty choice, and its Russian
# catalogue does not translate it yet: the app's does (the msgid stands here so that
# makemessages keeps it).
BLANK_CHOICE_LABEL = _("- Select an option -")


@dataclass(frozen=True)
class Wording:
    add: Promise  # the button: «Добавить наставника»
    count: Promise | None = None  # ngettext_lazy(…, "count"): «5 наставников»
    created: Promise | None = None  # with %(object)s
    updated: Promise | None = None
    deleted: Promise | None = None
    delete_question: Promise | None = None
    not_created: Promise | None = None
    not_saved: Promise | None = None
    new: Promise | None = None  # the create view's title: «Новая организация»
    none_yet: Promise | None = None  # an empty listing
    none_found: Promise | None = None  # a search or filter that finds nothing
    # the chooser widget of a link to the model: «Выбрать организацию»
    choose: Promise | None = None
    choose_another: Promise | None = None
    edit_chosen: Promise | None = None

    def count_label(self, count: int) -> str:
        return self.count % {"count": count}


WORDINGS = {
    "wagtail_mentorship.mentor": Wording(
        add=_("Add mentor"),
        count=ngettext_lazy("%(count)s mentor", "%(count)s mentors", "count"),
        created=_("Mentor '%(object)s' created."),
        updated=_("Mentor '%(object)s' updated."),
        deleted=_("Mentor '%(object)s' deleted."),
        delete_question=_("Are you sure you want to delete this mentor?"),
        not_created=_("The mentor could not be created due to errors."),
        not_saved=_("The mentor could not be saved due to errors."),
        new=_("New mentor"),
        none_yet=_("There are no mentors yet."),
        none_found=_("No mentors match your query."),
    ),
    "wagtail_mentorship.mentee": Wording(
        add=_("Add mentee"),
        count=ngettext_lazy("%(count)s mentee", "%(count)s mentees", "count"),
        created=_("Mentee '%(object)s' created."),
        updated=_("Mentee '%(object)s' updated."),
        deleted=_("Mentee '%(object)s' deleted."),
        delete_question=_("Are you sure you want to delete this mentee?"),
        not_created=_("The mentee could not be created due to errors."),
        not_saved=_("The mentee could not be saved due to errors."),
        new=_("New mentee"),
        none_yet=_("There are no mentees yet."),
        none_found=_("No mentees match your query."),
    ),
    "wagtail_mentorship.mentorshippair": Wording(
        add=_("Add pair or group"),
        count=ngettext_lazy("%(count)s pair or group", "%(count)s pairs and groups", "count"),
        created=_("Pair or group '%(object)s' created."),
        updated=_("Pair or group '%(object)s' updated."),
        deleted=_("Pair or group '%(object)s' deleted."),
        delete_question=_("Are you sure you want to delete this pair or group?"),
        not_created=_("The pair or group could not be created due to errors."),
        not_saved=_("The pair or group could not be saved due to errors."),
        new=_("New pair or group"),
        none_yet=_("There are no pairs or groups yet."),
        none_found=_("No pairs or groups match your query."),
    ),
    "wagtail_mentorship.mentorshipform": Wording(
        add=_("Add mentorship form"),
        count=ngettext_lazy("%(count)s mentorship form", "%(count)s mentorship forms", "count"),
        created=_("Mentorship form '%(object)s' created."),
        updated=_("Mentorship form '%(object)s' updated."),
        deleted=_("Mentorship form '%(object)s' deleted."),
        delete_question=_("Are you sure you want to delete this mentorship form?"),
        not_created=_("The mentorship form could not be created due to errors."),
        not_saved=_("The mentorship form could not be saved due to errors."),
        new=_("New mentorship form"),
        none_yet=_("There are no mentorship forms yet."),
        none_found=_("No mentorship forms match your query."),
        choose=_("Choose mentorship form"),
        choose_another=_("Choose another mentorship form"),
        edit_chosen=_("Edit this mentorship form"),
    ),
    "wagtail_mentorship.organization": Wording(
        add=_("Add organisation"),
        count=ngettext_lazy("%(count)s organisation", "%(count)s organisations", "count"),
        created=_("Organisation '%(object)s' created."),
        updated=_("Organisation '%(object)s' updated."),
        deleted=_("Organisation '%(object)s' deleted."),
        delete_question=_("Are you sure you want to delete this organisation?"),
        not_created=_("The organisation could not be created due to errors."),
        not_saved=_("The organisation could not be saved due to errors."),
        new=_("New organisation"),
        none_yet=_("There are no organisations yet."),
        none_found=_("No organisations match your query."),
        choose=_("Choose organisation"),
        choose_another=_("Choose another organisation"),
        edit_chosen=_("Edit this organisation"),
    ),
    "wagtail_mentorship.survey": Wording(
        add=_("Add survey"),
        count=ngettext_lazy("%(count)s survey", "%(count)s surveys", "count"),
        created=_("Survey '%(object)s' created."),
        updated=_("Survey '%(object)s' updated."),
        deleted=_("Survey '%(object)s' deleted."),
        delete_question=_("Are you sure you want to delete this survey?"),
        not_created=_("The survey could not be created due to errors."),
        not_saved=_("The survey could not be saved due to errors."),
        new=_("New survey"),
        none_yet=_("There are no surveys yet."),
        none_found=_("No surveys match your query."),
        choose=_("Choose survey"),
        choose_another=_("Choose another survey"),
        edit_chosen=_("Edit this survey"),
    ),
    "wagtail_mentorship.surveyround": Wording(
        add=_("Start a survey round"),
        count=ngettext_lazy("%(count)s survey round", "%(count)s survey rounds", "count"),
        created=_("Survey round '%(object)s' started."),
        updated=_("Survey round '%(object)s' updated."),
        deleted=_("Survey round '%(object)s' deleted."),
        delete_question=_("Are you sure you want to delete this survey round?"),
        not_created=_("The survey round could not be started due to errors."),
        not_saved=_("The survey round could not be saved due to errors."),
        new=_("New survey round"),
        none_yet=_("No survey rounds yet."),
        none_found=_("No survey rounds match your query."),
    ),
    # The children of inline panels: only their «Add …» button is composed.
    "wagtail_mentorship.pairmeeting": Wording(add=_("Add meeting")),
    "wagtail_mentorship.mentortraining": Wording(add=_("Add course")),
    "wagtail_mentorship.abstractroadmapactivity": Wording(
        add=_("Add activity"),
        count=ngettext_lazy("%(count)s activity", "%(count)s activities", "count"),
    ),
    "wagtail_mentorship.surveyquestion": Wording(add=_("Add question")),
    "wagtail_mentorship.organizationheadcount": Wording(add=_("Add year")),
    "wagtail_mentorship.honorboardentry": Wording(add=_("Add mentor")),
    "wagtail_mentorship.bestpracticeauthor": Wording(add=_("Add author")),
}


def wording_for(model) -> Wording | None:
    """The model's phrases; a site's subclass of an app model (a stage's activities) uses
    those of the app's model it extends."""
    for klass in getattr(model, "__mro__", ()):
        meta = getattr(klass, "_meta", None)
        if meta is not None and meta.label_lower in WORDINGS:
            return WORDINGS[meta.label_lower]
    return None


class WordedPaginator(WagtailPaginator):
    """«5 наставников» under a listing instead of Wagtail's «5 наставники»."""

    @property
    def items_count_label(self):
        wording = wording_for(self.model)
        if wording is None or wording.count is None:
            return super().items_count_label
        return wording.count_label(self.count)
