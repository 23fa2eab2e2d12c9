"""A town's base in a real browser: the municipal coordinator sees both schools' people, a
school's curator only their own school's, however they look for the others."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ensure_groups, log_in
from tests.people_builders import CONSENTED, make_mentee, make_mentor
from wagtail_mentorship.models import Organization

MENTEES = "/admin/snippets/wagtail_mentorship/mentee/"
MENTORS = "/admin/snippets/wagtail_mentorship/mentor/"
SCHOOL_4 = {"mentee": "Сорокин Павел Андреевич", "mentor": "Колесникова Марина Сергеевна"}
SCHOOL_7 = {"mentee": "Гусева Анна Сергеевна", "mentor": "Шестакова Елена Викторовна"}


@pytest.fixture
def town(site_url):
    base_url, _home = site_url
    school_4 = Organization.objects.create(name="МБОУ «СОШ № 4»")
    school_7 = Organization.objects.create(name="МБОУ «СОШ № 7»")
    for school, people in ((school_4, SCHOOL_4), (school_7, SCHOOL_7)):
        make_mentor(people["mentor"], organization=school, **CONSENTED)
        make_mentee(people["mentee"], organization=school, **CONSENTED)
    curators, coordinators = ensure_groups()
    return base_url, school_4, curators, coordinators


def listed(page, url) -> list[str]:
    page.goto(url)
    return page.locator("table.listing tbody [id$='_title']").all_inner_texts()


def test_the_coordinator_sees_both_schools(page, town):
    base_url, _school_4, _curators, coordinators = town
    log_in(page, base_url, "coordinator", coordinators)
    assert sorted(listed(page, base_url + MENTEES)) == [SCHOOL_7["mentee"], SCHOOL_4["mentee"]]
    assert sorted(listed(page, base_url + MENTORS)) == [SCHOOL_4["mentor"], SCHOOL_7["mentor"]]
    # The dashboard counts the whole town.
    page.goto(base_url + "/admin/")
    expect(page.locator("#mentorship-summary-heading")).to_be_visible()
    expect(page.get_by_role("link", name="2 наставника")).to_be_visible()


def test_a_school_curator_sees_only_their_school(page, town):
    base_url, school_4, curators, _coordinators = town
    log_in(page, base_url, "curator4", curators, [school_4])
    assert listed(page, base_url + MENTEES) == [SCHOOL_4["mentee"]]
    assert listed(page, base_url + MENTORS) == [SCHOOL_4["mentor"]]

    # Searching for the other school's people finds nobody.
    page.goto(base_url + MENTEES + "?q=Гусева")
    expect(page.get_by_text(SCHOOL_7["mentee"])).to_have_count(0)
    # Nor does the mentor chooser of a new pair offer them.
    page.goto(base_url + "/admin/snippets/wagtail_mentorship/mentorshippair/add/")
    page.get_by_role("button", name="Выбрать наставник").click()
    modal = page.locator(".modal-content")
    expect(modal.get_by_text(SCHOOL_4["mentor"])).to_be_visible()
    expect(modal.get_by_text(SCHOOL_7["mentor"])).to_have_count(0)
    # And the other school's mentee, typed into the address bar, does not exist.
    other = page.goto(f"{base_url}{MENTEES}inspect/{gusev_pk()}/")
    assert other.status == 404
    expect(page.get_by_text(SCHOOL_7["mentee"])).to_have_count(0)


def gusev_pk() -> int:
    from wagtail_mentorship.models import Mentee

    return Mentee.objects.get(full_name=SCHOOL_7["mentee"]).pk
