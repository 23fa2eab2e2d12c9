from .people import MentorshipForm, Organization
from .practices import (
    AbstractBestPracticeIndexPage,
    AbstractBestPracticePage,
    BestPracticeIndexPage,
    BestPracticePage,
    BestPracticePageTag,
)
from .roadmap import (
    AbstractRoadmapActivity,
    AbstractRoadmapPage,
    AbstractStagePage,
    RoadmapActivity,
    RoadmapPage,
    StagePage,
)

__all__ = [
    "AbstractBestPracticeIndexPage",
    "AbstractBestPracticePage",
    "AbstractRoadmapActivity",
    "AbstractRoadmapPage",
    "AbstractStagePage",
    "BestPracticeIndexPage",
    "BestPracticePage",
    "BestPracticePageTag",
    "MentorshipForm",
    "Organization",
    "RoadmapActivity",
    "RoadmapPage",
    "StagePage",
]
