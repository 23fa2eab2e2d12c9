from ..access.models import PersonalDataLogEntry, SealedCollection
from . import surveys as survey_models  # noqa: F401  (registers them)
from .calendar_tokens import CalendarFeedToken
from .downloads import PreparedFile
from .headcount import OrganizationHeadcount
from .imports import ColumnMapping, SpreadsheetImport
from .pages.honor_board import AbstractHonorBoardPage, HonorBoardEntry, HonorBoardPage
from .pages.practices import (
    AbstractBestPracticeIndexPage,
    AbstractBestPracticePage,
    BestPracticeAuthor,
    BestPracticeIndexPage,
    BestPracticePage,
    BestPracticePageTag,
)
from .pages.roadmap import (
    AbstractRoadmapActivity,
    AbstractRoadmapPage,
    AbstractStagePage,
    RoadmapActivity,
    RoadmapPage,
    StagePage,
)
from .pairs import MentorshipPair, PairMeeting
from .people import AbstractPerson, Mentee, Mentor, MentorTraining
from .reference import MentorshipForm, Organization

__all__ = [
    "AbstractBestPracticeIndexPage",
    "AbstractBestPracticePage",
    "AbstractHonorBoardPage",
    "AbstractPerson",
    "AbstractRoadmapActivity",
    "AbstractRoadmapPage",
    "AbstractStagePage",
    "BestPracticeAuthor",
    "BestPracticeIndexPage",
    "BestPracticePage",
    "BestPracticePageTag",
    "CalendarFeedToken",
    "ColumnMapping",
    "HonorBoardEntry",
    "HonorBoardPage",
    "Mentee",
    "Mentor",
    "MentorTraining",
    "MentorshipForm",
    "MentorshipPair",
    "Organization",
    "OrganizationHeadcount",
    "PairMeeting",
    "PersonalDataLogEntry",
    "PreparedFile",
    "RoadmapActivity",
    "RoadmapPage",
    "SealedCollection",
    "SpreadsheetImport",
    "StagePage",
]
