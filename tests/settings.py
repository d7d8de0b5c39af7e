"""Settings for the test suite: the project's own, with a fast password hasher.

Django's default hasher is slow on purpose; the suite signs users in hundreds of times, and no
test is about the hash's strength (as in Django's own docs and the HackSoft styleguide).
"""

from newsroom.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # noqa: S105

# Tasks run at once inside the call that enqueues them, so a test sees their effect (renditions,
# tags) without a worker; tests of the queue itself switch back to the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
