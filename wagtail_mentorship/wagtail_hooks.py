from wagtail.snippets.models import register_snippet

from .viewsets import MentorshipViewSetGroup

register_snippet(MentorshipViewSetGroup)
