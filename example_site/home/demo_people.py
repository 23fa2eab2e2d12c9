"""Invented mentors, mentees, pairs and an honour board for the example site.

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
from wagtail.images import get_image_model

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


def avatar(name: str):
    """A drawn silhouette in place of a photo: no real photo of anyone."""
    image = PILImage.new("RGB", (240, 300), (26, 79, 139))
    draw = ImageDraw.Draw(image)
    draw.ellipse((60, 50, 180, 170), fill=(232, 238, 246))
    draw.rectangle((40, 190, 200, 300), fill=(232, 238, 246))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return get_image_model().objects.create(
        title=f"Фото (рисунок): {name}", file=ImageFile(buffer, name="avatar.png")
    )


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
    data = json.loads(DATA.read_text(encoding="utf-8"))
    if Mentor.objects.filter(email=data["mentors"][0]["email"]).exists():
        return 0
    forms = {form.name: form for form in MentorshipForm.objects.all()}
    for item in data["mentors"]:
        mentor = _person(Mentor, item, organizations)
        if mentor.publish_photo:
            mentor.photo = avatar(mentor.full_name)
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
    for item in data["mentees"]:
        mentee = _person(Mentee, item, organizations)
        mentee.preferred_forms = [forms[name] for name in item["forms"]]
        mentee.save()
    for item in data["pairs"]:
        pair = MentorshipPair(
            mentor=Mentor.objects.get(email=item["mentor"]),
            form=forms[item["form"]],
            status=item["status"],
            goal=item["goal"],
            start_date=_date(item.get("start_date")),
            order_number=item.get("order_number", ""),
            order_date=_date(item.get("order_date")),
            development_plan=item.get("development_plan", ""),
        )
        pair.organization = pair.mentor.organization
        pair.mentees = list(Mentee.objects.filter(full_name__in=item["mentees"]))
        pair.meetings = [
            PairMeeting(kind=m["kind"], date=_date(m["date"]), notes=m["notes"])
            for m in item.get("meetings", [])
        ]
        pair.save()
    return len(data["mentors"]) + len(data["mentees"])


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
