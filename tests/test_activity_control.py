"""Activity control: the date a timing names is offered in the editor (never saved without the
editor), the report «Мероприятия дорожной карты» with its three states, filters, export and
scope, and the dashboard's count of overdue activities."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.builders import build_roadmap, build_site
from tests.people_builders import COORDINATORS, CURATORS, login_client, school
from wagtail_mentorship.admin.views.activities_report import report_url
from wagtail_mentorship.models import Organization, RoadmapActivity, StagePage

OTHER_SCHOOL = "МБОУ «СОШ № 9»"
Status = RoadmapActivity.Status


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def roadmap(db):
    """One school's roadmap: an activity overdue, one due in a week, one done, one far off."""
    page = build_roadmap(build_site(), stages=1, activities=4)  # «2025–2026 учебный год»
    page.organization = school()
    page.save()
    rows = list(RoadmapActivity.objects.filter(page__in=StagePage.objects.child_of(page)))
    plans = [
        ("Просроченное", days(-3), Status.PLANNED),
        ("Скоро", days(7), Status.IN_PROGRESS),
        ("Сделанное", days(-30), Status.DONE),
        ("Нескоро", days(60), Status.PLANNED),
    ]
    for activity, (title, due, status) in zip(rows, plans, strict=True):
        activity.title, activity.due_date, activity.status = title, due, status
        activity.save()
    return page


def report_titles(client, **filters) -> list[str]:
    response = client.get(report_url(**filters))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return sorted(a.get_text(strip=True) for a in soup.select("table.listing tbody td a"))


def test_report_shows_the_three_states(roadmap, django_user_model):
    curator = login_client(django_user_model, CURATORS, "curator")
    assert report_titles(curator) == ["Просроченное", "Сделанное", "Скоро"]
    assert report_titles(curator, state="overdue") == ["Просроченное"]
    assert report_titles(curator, state="soon") == ["Скоро"]
    assert report_titles(curator, state="done") == ["Сделанное"]


def test_report_filters(roadmap, django_user_model):
    curator = login_client(django_user_model, CURATORS, "curator")
    activity = RoadmapActivity.objects.get(title="Скоро")
    activity.responsible_users.set([curator.user])
    activity.save()
    assert report_titles(curator, responsible_users=curator.user.pk) == ["Скоро"]
    assert report_titles(curator, status="done") == ["Сделанное"]
    assert report_titles(curator, roadmap=roadmap.pk, state="overdue") == ["Просроченное"]
    assert report_titles(curator, page=activity.page_id) == ["Просроченное", "Сделанное", "Скоро"]


def test_another_schools_curator_sees_none_of_it(roadmap, django_user_model):
    other = Organization.objects.create(name=OTHER_SCHOOL)
    stranger = login_client(django_user_model, CURATORS, "stranger", organizations=[other])
    assert report_titles(stranger) == []
    exported = stranger.get(report_url(export="csv"))
    assert "Просроченное" not in b"".join(exported.streaming_content).decode("utf-8")
    # nor is the roadmap or its stage a choice of the report's filters
    soup = BeautifulSoup(stranger.get(report_url()).content, "html.parser")
    choices = {option.get_text(strip=True) for option in soup.select("select option")}
    assert roadmap.title not in choices
    assert "Этап-1" not in choices


def test_a_coordinator_sees_every_school(roadmap, django_user_model):
    coordinator = login_client(django_user_model, COORDINATORS, "coordinator")
    assert report_titles(coordinator) == ["Просроченное", "Сделанное", "Скоро"]


def test_csv_export_is_for_excel_in_russian(roadmap, django_user_model):
    curator = login_client(django_user_model, CURATORS, "curator")
    response = curator.get(report_url(export="csv", state="overdue"))
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == 2
    assert "Просроченное" in rows[1]
    assert days(-3).strftime("%d.%m.%Y") in rows[1]
    assert "Просрочено" in rows[1]
    xlsx = curator.get(report_url(export="xlsx"))
    assert xlsx.status_code == 200


def test_dashboard_count_is_the_size_of_the_overdue_list(roadmap, django_user_model):
    curator = login_client(django_user_model, CURATORS, "curator")
    soup = BeautifulSoup(curator.get(reverse("wagtailadmin_home")).content, "html.parser")
    link = next(a for a in soup.select(".w-summary__list a") if "просроч" in a.get_text())
    assert int(link.span.get_text()) == 1
    assert link["href"] == report_url(state="overdue")
    assert len(report_titles(curator, state="overdue")) == 1


def test_my_activities_on_the_dashboard(roadmap, django_user_model):
    curator = login_client(django_user_model, CURATORS, "curator")
    for title in ("Просроченное", "Скоро", "Нескоро"):
        activity = RoadmapActivity.objects.get(title=title)
        activity.responsible_users.set([curator.user])
        activity.save()
    soup = BeautifulSoup(curator.get(reverse("wagtailadmin_home")).content, "html.parser")
    mine = [a.get_text(strip=True) for a in soup.select(".mentorship-my-activities a")]
    assert mine == ["Просроченное", "Скоро"]
    stage = StagePage.objects.child_of(roadmap).get()
    assert soup.select_one(".mentorship-my-activities a")["href"] == reverse(
        "wagtailadmin_pages:edit", args=[stage.pk]
    )


def test_report_query_count_does_not_grow_with_rows(roadmap, django_user_model):
    curator = login_client(django_user_model, CURATORS, "curator")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert curator.get(report_url()).status_code == 200
        return len(captured)

    few = queries()
    stage = StagePage.objects.child_of(roadmap).get()
    for n in range(10):
        activity = RoadmapActivity.objects.create(
            page=stage, title=f"Ещё {n}", due_date=days(-n - 1), sort_order=10 + n
        )
        activity.responsible_users.set([curator.user])
        activity.save()
    assert queries() == few


def edit_stage(client, stage):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[stage.pk]))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_editor_is_offered_the_date_and_nothing_is_saved_without_it(roadmap, admin_client):
    stage = StagePage.objects.child_of(roadmap).get()
    activity = stage.activities.get(title="Нескоро")
    activity.timing, activity.due_date = "Ежегодно до 15 сентября", None
    activity.save()
    soup = edit_stage(admin_client, stage)
    offers = {b.get_text(strip=True): b for b in soup.select("[data-mentorship-offer-date]")}
    assert "Предложить дату: 15.09.2025" in offers
    button = offers["Предложить дату: 15.09.2025"]
    assert soup.find(id=button["data-mentorship-offer-for"])["name"].endswith("due_date")
    assert button["data-mentorship-offer-date"] == "2025-09-15"
    assert soup.select_one('script[src$="wagtail_mentorship/admin/timing_offer.js"]')

    activity.refresh_from_db()
    assert activity.due_date is None  # offered, not given


def test_no_offer_where_the_date_is_set_or_the_timing_is_vague(roadmap, admin_client):
    stage = StagePage.objects.child_of(roadmap).get()
    stage.activities.filter(title="Нескоро").update(timing="В течение года", due_date=None)
    stage.activities.filter(title="Скоро").update(timing="до 31.08.2022г.")
    soup = edit_stage(admin_client, stage)
    assert soup.select("[data-mentorship-offer-date]") == []
