"""A private varnishd on loopback in front of the live server, with the shipped VCL (deploy/varnish/).

Tests using it skip when varnishd or vmod xkey is not installed (`make varnish` installs both).
"""

import glob
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tools.edge import VARNISHD, edge_vcl, varnishd_command

from .redis_server import free_port

XKEY = "varnish/vmods/libvmod_xkey.so"
HAS_XKEY = bool(glob.glob(f"/usr/lib/*/{XKEY}") or glob.glob(f"/usr/lib/{XKEY}"))
needs_varnishd = pytest.mark.skipif(
    VARNISHD is None or not HAS_XKEY, reason="varnishd with vmod xkey is not installed (make varnish)"
)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Varnish:
    """One varnishd on a free port of 127.0.0.1, its own working directory, in front of host:port."""

    def __init__(self, directory: Path, *, backend_host: str, backend_port: int):
        self.port = free_port()
        self.directory = directory
        vcl = directory / "newsroom.vcl"
        vcl.write_text(edge_vcl(host=backend_host, port=backend_port))
        self.command = varnishd_command(
            workdir=directory / "work", listen=f"127.0.0.1:{self.port}", admin=f"127.0.0.1:{free_port()}", vcl=vcl
        )
        self.process: subprocess.Popen | None = None
        self.opener = urllib.request.build_opener(NoRedirect)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        log = (self.directory / "varnishd.log").open("wb")
        self.process = subprocess.Popen(self.command, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError as error:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    log = (self.directory / "varnishd.log").read_text()
                    raise RuntimeError(f"varnishd did not start: {log}") from error
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)
            self.process = None

    def backend_cookies(self) -> list[str]:
        """The Cookie headers Varnish sent to the app so far, from its shared-memory log (varnishlog -d)."""
        log = subprocess.run(  # noqa: S603
            [shutil.which("varnishlog") or "/usr/bin/varnishlog", "-n", str(self.directory / "work")]
            + ["-d", "-g", "raw", "-i", "BereqHeader"],
            capture_output=True,
            text=True,
            timeout=20,
            check=True,
        ).stdout
        lines = [line for line in log.splitlines() if "BereqHeader" in line and "Cookie:" in line]
        return [line.split("Cookie:", 1)[1].strip() for line in lines]

    def get(self, path: str, *, headers: dict | None = None, method: str = "GET"):
        """(status, headers, body) of a request through Varnish, redirects not followed."""
        request = urllib.request.Request(self.url + path, headers=headers or {}, method=method)  # noqa: S310
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()
