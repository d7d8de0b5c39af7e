"""`make run`'s last words: where the site is, how to sign in, and how to reset the password."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from .factories import ArticleFactory, StaffFactory

pytestmark = pytest.mark.django_db


def demo_setup(address="127.0.0.1:8000") -> str:
    out = StringIO()
    call_command("demo_setup", address=address, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_first_run_ends_with_the_address_and_a_new_editors_password(settings):
    output = demo_setup("0.0.0.0:8080")
    summary = output.rsplit("Newsroom is ready.", 1)[1]
    assert "Site:      http://0.0.0.0:8080/" in summary
    assert "Admin:     http://0.0.0.0:8080/admin/" in summary
    password = re.search(r"user name “editor”, password “([^”]+)”", summary).group(1)
    assert get_user_model().objects.get(username="editor").check_password(password)
    assert "manage.py changepassword editor" in summary
    assert "PORT=" in summary


def test_later_runs_name_the_existing_editor_and_show_no_password():
    ArticleFactory()
    StaffFactory(username="desk-chief")
    output = demo_setup()
    assert "demo content not loaded" in output
    assert "Sign in:   as “desk-chief”" in output and "password “" not in output
    assert "manage.py changepassword desk-chief" in output
    assert get_user_model().objects.count() == 1
