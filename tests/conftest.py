import pytest

from tests.builders import build_site


@pytest.fixture
def home_page(db):
    return build_site()
