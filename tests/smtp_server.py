"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, for the tests of readers' mail."""

import email
import email.policy
import socket
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller


@dataclass
class Received:
    """The messages the server accepted, parsed, with their envelope recipients."""

    messages: list = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"

    def to(self, address: str) -> list:
        return [m for rcpts, m in self.messages if address in rcpts]

    def clear(self) -> None:
        self.messages.clear()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """Django's SMTP backend pointed at an aiosmtpd server started for the test."""
    received = Received()
    controller = Controller(received, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    yield received
    controller.stop()


@pytest.fixture
def task_queue(settings):
    """The real database backend; `run()` works the queue as `manage.py db_worker --batch` does."""
    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

    class Queue:
        def run(self, max_tasks: int | None = None) -> None:
            options = {"batch": True, "reload": False, "startup_delay": False, "interval": 0, "verbosity": 0}
            if max_tasks:
                options["max_tasks"] = max_tasks
            call_command("db_worker", **options)

    return Queue()


def body_of(message, subtype: str = "plain") -> str:
    return message.get_body(preferencelist=(subtype,)).get_content()
