"""Consents under 152-ФЗ: what may be processed, what may be published, and that a person
without consent to publication appears on no public page."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

from tests.builders import build_practice, build_practices_index, build_roadmap, publish_child
from wagtail_mentorship.access.private_documents import get_private_collection
from wagtail_mentorship.models import HonorBoardEntry, HonorBoardPage, Mentee, Mentor
from wagtail_mentorship.people import consent
from wagtail_mentorship.people.consent import consent_state_q

TODAY = timezone.localdate()
YESTERDAY = TODAY - datetime.timedelta(days=1)
TOMORROW = TODAY + datetime.timedelta(days=1)


def consenting_mentor(name, **fields):
    values = {
        "processing_consent_date": YESTERDAY,
        "processing_consent_by": "person",
        "publication_consent_date": YESTERDAY,
        "publication_consent_by": "person",
        "publish_name": True,
        "publish_achievements": True,
        "achievements": f"Достижения: {name}",
        "status": Mentor.Status.APPROVED,
        **fields,
    }
    return Mentor.objects.create(full_name=name, **values)


@pytest.mark.parametrize(
    ("fields", "processing", "publication", "state"),
    [
        ({}, False, False, "none"),
        ({"processing_consent_date": YESTERDAY}, True, False, "processing"),
        ({"processing_consent_date": TOMORROW}, False, False, "none"),
        (
            {"processing_consent_date": YESTERDAY, "publication_consent_date": YESTERDAY},
            True,
            True,
            "publication",
        ),
        (
            {
                "processing_consent_date": YESTERDAY,
                "publication_consent_date": YESTERDAY,
                "publication_consent_withdrawn": TODAY,
            },
            True,
            False,
            "processing",
        ),
        (
            {
                "processing_consent_date": YESTERDAY,
                "processing_consent_withdrawn": TODAY,
                "publication_consent_date": YESTERDAY,
            },
            False,
            False,
            "withdrawn",
        ),
        (
            {
                "processing_consent_date": YESTERDAY,
                "publication_consent_date": YESTERDAY,
                "publication_consent_withdrawn": TOMORROW,
            },
            True,
            True,
            "publication",
        ),
    ],
)
def test_consent_rules(fields, processing, publication, state):
    person = Mentor(full_name="Тестовый Наставник", **fields)
    assert consent.may_process(person) is processing
    assert consent.may_publish(person) is publication
    assert consent.consent_state(person) == state


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("none", {"Нет"}),
        ("processing", {"Обработка"}),
        ("publication", {"Всё"}),
        ("withdrawn", {"Отозвал"}),
    ],
)
def test_consent_filter_matches_the_rule(state, expected):
    Mentor.objects.create(full_name="Нет")
    Mentor.objects.create(full_name="Обработка", processing_consent_date=YESTERDAY)
    Mentor.objects.create(
        full_name="Всё", processing_consent_date=YESTERDAY, publication_consent_date=YESTERDAY
    )
    Mentor.objects.create(
        full_name="Отозвал", processing_consent_date=YESTERDAY, processing_consent_withdrawn=TODAY
    )
    names = set(Mentor.objects.filter(consent_state_q(state)).values_list("full_name", flat=True))
    assert names == expected
    assert {m.full_name for m in Mentor.objects.all() if m.consent_state == state} == expected


def test_public_profile_shows_each_item_only_with_its_consent():
    person = Mentor(
        full_name="Иванова Анна",
        achievements="Учитель года",
        processing_consent_date=YESTERDAY,
        publication_consent_date=YESTERDAY,
        publish_name=False,
        publish_achievements=True,
    )
    profile = person.public_profile()
    assert profile.name == "" and profile.achievements == "Учитель года"
    person.publication_consent_date = None
    assert not person.public_profile()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"processing_consent_date": YESTERDAY}, "processing_consent_by", "Укажите, кто дал"),
        (
            {"processing_consent_withdrawn": YESTERDAY},
            "processing_consent_withdrawn",
            "не было дано",
        ),
        (
            {
                "processing_consent_date": TODAY,
                "processing_consent_by": "person",
                "processing_consent_withdrawn": YESTERDAY,
            },
            "processing_consent_withdrawn",
            "раньше, чем дано",
        ),
        (
            {"publication_consent_date": TODAY, "publication_consent_by": "person"},
            "publication_consent_date",
            "только при согласии на обработку",
        ),
    ],
)
def test_consent_dates_are_validated(db, fields, field, message):
    person = Mentor(full_name="Проверка", **fields)
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert message in " ".join(error.value.message_dict[field])


def test_a_minors_consent_comes_from_the_representative(db):
    mentee = Mentee(
        full_name="Ученик",
        is_minor=True,
        processing_consent_date=YESTERDAY,
        processing_consent_by="person",
    )
    with pytest.raises(ValidationError) as error:
        mentee.full_clean()
    assert "законный представитель" in " ".join(error.value.message_dict["processing_consent_by"])
    assert "representative_name" in error.value.message_dict
    mentee.processing_consent_by = "representative"
    mentee.representative_name = "Родитель Ученика"
    mentee.full_clean()


def scan(collection):
    return get_document_model().objects.create(
        title="Согласие",
        file=ContentFile(b"%PDF-1.4 scan", name="consent.pdf"),
        collection=collection,
    )


def test_scanned_consent_must_be_in_the_private_collection(db):
    mentor = Mentor(
        full_name="Скан",
        processing_consent_date=YESTERDAY,
        processing_consent_by="person",
        processing_consent_document=scan(Collection.get_first_root_node()),
    )
    with pytest.raises(ValidationError) as error:
        mentor.full_clean()
    assert "закрытой коллекции" in " ".join(error.value.message_dict["processing_consent_document"])
    mentor.processing_consent_document = scan(get_private_collection())
    mentor.full_clean()


def test_scanned_consent_is_not_served_to_the_public(client, db):
    document = scan(get_private_collection())
    response = client.get(document.url)
    assert response.status_code == 302  # to the login page
    assert b"%PDF" not in b"".join(getattr(response, "streaming_content", [response.content]))


@pytest.fixture
def public_site(home_page):
    """Every public page type, with mentors on the board and as authors."""
    shown = consenting_mentor("Показанная Наставница")
    hidden = Mentor.objects.create(
        full_name="Скрытый Наставник",
        achievements="Секретное достижение",
        processing_consent_date=YESTERDAY,
        processing_consent_by="person",
    )
    withdrawn = consenting_mentor("Отозвавший Наставник", publication_consent_withdrawn=YESTERDAY)
    Mentee.objects.create(full_name="Наставляемая Ученица", is_minor=True)
    board = HonorBoardPage(title="Доска почёта", slug="board")
    board.entries = [HonorBoardEntry(mentor=m) for m in (shown, hidden, withdrawn)]
    publish_child(home_page, board)
    build_roadmap(home_page, stages=1, activities=1)
    index = build_practices_index(home_page)
    practice = build_practice(index, title="Кейс с авторами")
    for mentor in (shown, hidden, withdrawn):
        practice.authors.create(mentor=mentor)
    practice.save_revision().publish()
    return {"shown": shown, "hidden": hidden, "withdrawn": withdrawn, "board": board}


def public_html(client) -> str:
    pages = [page for page in Page.objects.live().specific() if page.url]
    responses = [client.get(page.url) for page in pages]
    assert all(response.status_code == 200 for response in responses)
    return "\n".join(response.content.decode() for response in responses)


def test_no_person_without_publication_consent_on_any_public_page(client, public_site):
    html = public_html(client)
    assert "Показанная Наставница" in html
    for name in ("Скрытый Наставник", "Секретное достижение", "Отозвавший Наставник"):
        assert name not in html
    assert "Наставляемая Ученица" not in html


def test_withdrawal_hides_the_person_from_the_next_response(client, public_site):
    board = public_site["board"]
    assert "Показанная Наставница" in client.get(board.url).content.decode()
    mentor = public_site["shown"]
    mentor.publication_consent_withdrawn = TODAY
    mentor.save()
    html = public_html(client)
    assert "Показанная Наставница" not in html
    assert "Достижения: Показанная Наставница" not in html


def test_withdrawing_processing_consent_also_takes_them_off(client, public_site):
    mentor = public_site["shown"]
    mentor.processing_consent_withdrawn = TODAY
    mentor.save()
    assert "Показанная Наставница" not in public_html(client)


def test_board_shows_consented_items_only(client, public_site):
    mentor = public_site["shown"]
    mentor.publish_achievements = False
    mentor.save()
    soup = BeautifulSoup(client.get(public_site["board"].url).content, "html.parser")
    names = [p.get_text(strip=True) for p in soup.select(".mentorship-person__name")]
    assert names == ["Показанная Наставница"]
    assert "Достижения: Показанная Наставница" not in soup.get_text()


def test_direct_document_serving_is_flagged():
    from django.test import override_settings

    from wagtail_mentorship.checks import check_document_serving

    with override_settings(WAGTAILDOCS_SERVE_METHOD="direct"):
        assert [w.id for w in check_document_serving(None)] == ["wagtail_mentorship.W001"]
    assert check_document_serving(None) == []
