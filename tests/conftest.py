import pytest
from django.core.cache import cache

from .factories import StaffFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, so one test's pages never leak into another."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client
