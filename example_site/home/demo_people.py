"""Invented mentors, mentees, pairs and an honour board for the example site, in two schools
and a college.

Some of the people have no consent to publication, or have withdrawn it, so that the demo
shows the honour board leaving them out. Running it again creates nothing new.
"""

import datetime
import io
import json
from pathlib import Path

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw

from wagtail_mentorship.models import (
    BestPracticePage,
    HonorBoardEntry,
    HonorBoardPage,
    Mentee,
    Mentor,
    MentorshipForm,
    MentorshipPair,
    MentorTraining,
    PairMeeting,
)

DATA = Path(__file__).resolve().parent / "demo_content" / "people.json"
CONSENT_FIELDS = (
    "processing_consent_date",
    "publication_consent_date",
    "publication_consent_withdrawn",
)
PLAIN_FIELDS = {
    Mentor: (
        "category",
        "position",
        "competencies",
        "interests",
        "achievements",
        "capacity",
        "availability",
        "status",
        "publish_name",
        "publish_photo",
        "publish_achievements",
    ),
    Mentee: (
        "category",
        "is_minor",
        "class_name",
        "request",
        "expectations",
        "recommended_by",
        "representative_name",
        "representative_phone",
        "status",
    ),
}


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def portrait() -> ImageFile:
    """A drawn silhouette in place of a photo: no real photo of anyone."""
    image = PILImage.new("RGB", (240, 300), (26, 79, 139))
    draw = ImageDraw.Draw(image)
    draw.ellipse((60, 50, 180, 170), fill=(232, 238, 246))
    draw.rectangle((40, 190, 200, 300), fill=(232, 238, 246))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ImageFile(buffer, name="portrait.png")


def _person(model, data, organizations):
    person = model(
        full_name=data["full_name"],
        email=data.get("email", ""),
        organization=organizations[data["organization"]],
        **{field: data[field] for field in PLAIN_FIELDS[model] if field in data},
        **{field: _date(data.get(field)) for field in CONSENT_FIELDS},
    )
    if person.processing_consent_date:
        person.processing_consent_by = data.get("processing_consent_by", "person")
    if person.publication_consent_date:
        person.publication_consent_by = data.get("publication_consent_by", "person")
    if model is Mentee:
        person.entered_on = _date(data.get("entered_on"))
    return person


def ensure_people(organizations) -> int:
    """Creates the demo people who are not in the base yet; returns how many."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    forms = {form.name: form for form in MentorshipForm.objects.all()}
    created = 0
    for item in data["mentors"]:
        if Mentor.objects.filter(full_name=item["full_name"]).exists():
            continue
        mentor = _person(Mentor, item, organizations)
        # Every mentor has a portrait; only a consent to publish it puts it on the site.
        mentor.portrait = portrait()
        mentor.mentorship_forms = [forms[name] for name in item["forms"]]
        mentor.trainings = [
            MentorTraining(
                course=t["course"],
                completed_on=_date(t["completed_on"]),
                certificate=t["certificate"],
            )
            for t in item.get("training", [])
        ]
        mentor.save()
        created += 1
    for item in data["mentees"]:
        if Mentee.objects.filter(full_name=item["full_name"]).exists():
            continue
        mentee = _person(Mentee, item, organizations)
        mentee.preferred_forms = [forms[name] for name in item["forms"]]
        mentee.save()
        created += 1
    for item in data["pairs"]:
        mentor = Mentor.objects.get(email=item["mentor"])
        if MentorshipPair.objects.filter(mentor=mentor, goal=item["goal"]).exists():
            continue
        pair = MentorshipPair(
            mentor=mentor,
            form=forms[item["form"]],
            status=item["status"],
            goal=item["goal"],
            start_date=_date(item.get("start_date")),
            order_number=item.get("order_number", ""),
            order_date=_date(item.get("order_date")),
            development_plan=item.get("development_plan", ""),
            organization=mentor.organization,
        )
        pair.mentees = list(Mentee.objects.filter(full_name__in=item["mentees"]))
        pair.meetings = [
            PairMeeting(kind=m["kind"], date=_date(m["date"]), notes=m["notes"])
            for m in item.get("meetings", [])
        ]
        pair.save()
    return created


def ensure_honor_board(home) -> HonorBoardPage:
    data = json.loads(DATA.read_text(encoding="utf-8"))["honor_board"]
    board = HonorBoardPage.objects.child_of(home).filter(slug=data["slug"]).first()
    if board is not None:
        return board
    board = HonorBoardPage(
        title=data["title"], slug=data["slug"], intro=data["intro"], show_in_menus=True
    )
    board.entries = [
        HonorBoardEntry(
            mentor=Mentor.objects.get(email=entry["mentor"]), citation=entry["citation"]
        )
        for entry in data["entries"]
    ]
    home.add_child(instance=board)
    board.save_revision().publish()
    return board


def credit_practice_authors() -> None:
    """The first demo case was written by its mentor, who agreed to be named."""
    practice = BestPracticePage.objects.filter(slug="first-year-math-teacher").first()
    if practice is None or practice.authors.exists():
        return
    practice.authors.create(mentor=Mentor.objects.get(email="kolesnikova.demo@example.com"))
    practice.save_revision().publish()
