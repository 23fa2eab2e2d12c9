"""Run inside a fresh `wagtail start` project that only added wagtail_mentorship to
INSTALLED_APPS: builds a roadmap under its home page and renders it, with its xlsx."""

import django

django.setup()

from django.test import Client  # noqa: E402
from wagtail.models import Page  # noqa: E402

from wagtail_mentorship.models import RoadmapActivity, RoadmapPage, StagePage  # noqa: E402

home = Page.objects.get(depth=2).specific
roadmap = RoadmapPage(title="Roadmap", slug="roadmap", period="2026")
home.add_child(instance=roadmap)
roadmap.save_revision().publish()
stage = StagePage(title="Preparation", slug="preparation")
stage.activities = [RoadmapActivity(title="Appoint a curator", timing="September")]
roadmap.add_child(instance=stage)
stage.save_revision().publish()

client = Client()
page = client.get(roadmap.url)
xlsx = client.get(roadmap.url + "xlsx/")
stage_page = client.get(stage.url)
body = page.content.decode()
assert page.status_code == 200, page.status_code
assert "Appoint a curator" in body and "1.1" in body, body[:2000]
assert stage_page.status_code == 200, stage_page.status_code
assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK", xlsx.status_code
print(f"rendered {roadmap.url} ({len(body)} bytes), its stage and its xlsx")
