"""The participant's form: one field per question of the survey, filled with saved answers."""

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ...models.surveys import SurveyAnswer, SurveyQuestion

SCALE = [(str(n), str(n)) for n in range(1, 11)]
MESSAGES = {
    "required": _("Please answer this question."),
    "invalid_choice": _("Choose one of the offered answers."),
    "invalid_list": _("Choose one of the offered answers."),
}


def field_for(question: SurveyQuestion) -> forms.Field:
    common = {"label": question.text, "required": question.required, "error_messages": MESSAGES}
    Kind = SurveyQuestion.Kind
    if question.kind == Kind.TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, **common)
    if question.kind == Kind.CHOICES:
        options = [(c, c) for c in question.choice_list()]
        return forms.MultipleChoiceField(
            choices=options, widget=forms.CheckboxSelectMultiple, **common
        )
    options = SCALE if question.kind == Kind.SCALE else [(c, c) for c in question.choice_list()]
    return forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)


def stored(question: SurveyQuestion, value):
    """The answer as kept: a number for a scale, a list for several choices, else text."""
    if value in ("", [], None):
        return None
    return int(value) if question.kind == SurveyQuestion.Kind.SCALE else value


class SurveyAnswersForm(forms.Form):
    def __init__(self, invitation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        self.questions = list(invitation.round.survey.questions.all())
        saved = {a.question_id: a.value for a in invitation.answers.all()}
        for question in self.questions:
            name = self.name_of(question)
            self.fields[name] = field_for(question)
            if question.pk in saved and saved[question.pk] is not None:
                value = saved[question.pk]
                self.initial[name] = value if isinstance(value, list) else str(value)

    @staticmethod
    def name_of(question) -> str:
        return f"q{question.pk}"

    def questions_with_fields(self):
        """(question, bound field) in the survey's order, for the template."""
        return [(q, self[self.name_of(q)]) for q in self.questions]

    @transaction.atomic
    def save(self):
        for question in self.questions:
            SurveyAnswer.objects.update_or_create(
                invitation=self.invitation,
                question=question,
                defaults={"value": stored(question, self.cleaned_data.get(self.name_of(question)))},
            )
        now = timezone.now()
        if self.invitation.submitted_at is None:
            self.invitation.submitted_at = now
        else:
            self.invitation.updated_at = now
        self.invitation.save(update_fields=["submitted_at", "updated_at"])
