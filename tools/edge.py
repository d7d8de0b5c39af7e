"""Varnish in front of the app on one machine: `make edge` (and the edge tests) start it from here.

The configuration is deploy/varnish/newsroom.vcl; only its backend address is rewritten to where
the app listens. `python -m tools.edge` starts gunicorn on APP_PORT and varnishd on EDGE_PORT in
front of it, with the app purging that Varnish after each change; Ctrl-C stops both.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

VCL = Path(__file__).resolve().parent.parent / "deploy" / "varnish" / "newsroom.vcl"
VARNISHD = shutil.which("varnishd") or ("/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None)
BACKEND = '    .host = "127.0.0.1";\n    .port = "8000";\n'


def edge_vcl(*, host: str, port: int) -> str:
    """The shipped VCL with its backend pointed at host:port."""
    text = VCL.read_text()
    if BACKEND not in text:
        raise RuntimeError(f"{VCL} no longer has the default backend this script rewrites")
    return text.replace(BACKEND, f'    .host = "{host}";\n    .port = "{port}";\n')


def varnishd_command(*, workdir: Path, listen: str, admin: str, vcl: Path, memory: str = "64m") -> list[str]:
    """varnishd in the foreground, with its own working directory (-n) so it touches nothing shared.

    `-j none`: no privilege separation, so it runs as whoever starts it and reads a private directory.
    """
    if VARNISHD is None:
        raise RuntimeError("varnishd is not installed: run `make varnish`")
    return [VARNISHD, "-F", "-j", "none", "-n", str(workdir), "-a", listen, "-T", admin, "-f", str(vcl)] + [
        "-s",
        f"malloc,{memory}",
    ]


def main() -> int:
    app_port = int(os.environ.get("APP_PORT", "8001"))
    edge_port = int(os.environ.get("EDGE_PORT", "8000"))
    host = os.environ.get("HOST", "127.0.0.1")
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-varnish-"))
    vcl = workdir / "newsroom.vcl"
    vcl.write_text(edge_vcl(host="127.0.0.1", port=app_port))
    environment = {
        **os.environ,
        "GUNICORN_BIND": f"127.0.0.1:{app_port}",
        "PAGE_CACHE_PURGE_URLS": os.environ.get("PAGE_CACHE_PURGE_URLS", f"http://127.0.0.1:{edge_port}/"),
        "NEWSROOM_PROXY_COUNT": os.environ.get("NEWSROOM_PROXY_COUNT", "1"),  # Varnish adds X-Forwarded-For
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    app = subprocess.Popen([str(gunicorn), "-c", "gunicorn.conf.py"], env=environment)  # noqa: S603
    edge = subprocess.Popen(  # noqa: S603
        varnishd_command(workdir=workdir, listen=f"{host}:{edge_port}", admin="127.0.0.1:0", vcl=vcl)
    )
    print(f"Newsroom through Varnish: http://{host}:{edge_port}/ (the app itself: http://127.0.0.1:{app_port}/)")
    try:
        return edge.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        for process in (edge, app):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
