"""Page types a site derives from the app's abstract pages, as the README promises it can."""

from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.models import Orderable

from wagtail_mentorship.models import (
    AbstractBestPracticePage,
    AbstractRoadmapActivity,
    AbstractRoadmapPage,
    AbstractStagePage,
)


class ClubRoadmapPage(AbstractRoadmapPage):
    """A mentoring club's roadmap, with one field of its own."""

    club_name = models.CharField(max_length=255, blank=True)

    stage_page_model = "testapp.ClubStagePage"
    subpage_types = ["testapp.ClubStagePage"]
    template = "wagtail_mentorship/roadmap_page.html"


class ClubStagePage(AbstractStagePage):
    parent_page_types = ["testapp.ClubRoadmapPage"]
    subpage_types = []
    template = "wagtail_mentorship/stage_page.html"


class ClubActivity(AbstractRoadmapActivity):
    page = ParentalKey(ClubStagePage, on_delete=models.CASCADE, related_name="activities")

    class Meta(AbstractRoadmapActivity.Meta):
        abstract = False


class ClubPracticePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "testapp.ClubPracticePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ClubPracticePage(AbstractBestPracticePage):
    """A practice page: the abstract page's panels expect ``tags`` and ``authors``."""

    tags = ClusterTaggableManager(through=ClubPracticePageTag, blank=True)

    subpage_types = []
    template = "wagtail_mentorship/best_practice_page.html"


class ClubPracticeAuthor(Orderable):
    page = ParentalKey(ClubPracticePage, on_delete=models.CASCADE, related_name="authors")
    mentor = models.ForeignKey(
        "wagtail_mentorship.Mentor", on_delete=models.CASCADE, related_name="+"
    )
