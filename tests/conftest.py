import os

import pytest
import time_machine
from django.core.cache import cache

from .factories import StaffFactory

# A real SMTP server on loopback and the database task queue, for the tests of readers' mail.
pytest_plugins = ["tests.smtp_server"]


@pytest.fixture(autouse=True, scope="session")
def _clock_from_environment():
    """With NEWSROOM_TEST_NOW (an ISO time), the whole suite runs as if it started then.

    The clock still ticks. Run the suite at the first minutes of a month or a year to show that no
    test depends on the day it runs; tests about a particular moment pin their own clock inside.
    """
    moment = os.environ.get("NEWSROOM_TEST_NOW")
    if not moment:
        yield
        return
    with time_machine.travel(moment, tick=True):
        yield


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
