from ..access.models import PersonalDataLogEntry, SealedCollection
from .honor_board import AbstractHonorBoardPage, HonorBoardEntry, HonorBoardPage
from .imports import ColumnMapping, SpreadsheetImport
from .pairs import MentorshipPair, PairMeeting
from .people import AbstractPerson, Mentee, Mentor, MentorshipForm, MentorTraining, Organization
from .practices import (
    AbstractBestPracticeIndexPage,
    AbstractBestPracticePage,
    BestPracticeAuthor,
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
    "AbstractHonorBoardPage",
    "AbstractPerson",
    "AbstractRoadmapActivity",
    "AbstractRoadmapPage",
    "AbstractStagePage",
    "BestPracticeAuthor",
    "BestPracticeIndexPage",
    "BestPracticePage",
    "BestPracticePageTag",
    "ColumnMapping",
    "HonorBoardEntry",
    "HonorBoardPage",
    "Mentee",
    "Mentor",
    "MentorTraining",
    "MentorshipForm",
    "MentorshipPair",
    "Organization",
    "PairMeeting",
    "PersonalDataLogEntry",
    "RoadmapActivity",
    "RoadmapPage",
    "SealedCollection",
    "SpreadsheetImport",
    "StagePage",
]
