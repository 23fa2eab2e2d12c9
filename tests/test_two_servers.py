"""Several app servers on one PostgreSQL: two gunicorn processes and one task worker, as a
school's site behind a load balancer. The upload goes through one server, the confirmation
through the other; the worker's result shows on both. Only the database, the private storage
and the cache are shared: nothing lives in one server's memory."""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse
from gunicorn.config import KNOWN_SETTINGS

from tests.e2e.conftest import restore_migrated_data
from tests.people_builders import CURATORS, login_client
from tests.test_background_import import mentees_csv
from tests.test_import_admin import MENTEES
from wagtail_mentorship.models import Mentee, SpreadsheetImport

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 20  # seconds: a server's start, a task's run


def free_ports(count: int) -> list[int]:
    """Ports free now, all different: their probes are open together. (gunicorn cannot bind
    port 0 and say which port it got.)"""
    probes = [socket.socket() for _ in range(count)]
    try:
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in probes]
    finally:
        for probe in probes:
            probe.close()


def wait_for(what: str, check, processes):
    """``check()``'s first true value, polled until ``TIMEOUT``; fails at once if one of
    ``processes`` has exited, with its output."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        for process in processes:
            if process.poll() is not None:
                pytest.fail(f"{process.name} exited while waiting for {what}:\n{process.output()}")
        result = check()
        if result:
            return result
        time.sleep(0.2)
    logs = "\n".join(process.output() for process in processes)
    pytest.fail(f"Timed out waiting for {what}:\n{logs}")


class Process:
    """A child process (a server or the worker), its output kept in a file."""

    def __init__(self, name, command, env, log_dir):
        self.name = name
        self.log = log_dir / f"{name}.log"
        with self.log.open("wb") as log:
            self.popen = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )

    def poll(self):
        return self.popen.poll()

    def output(self) -> str:
        return f"--- {self.name} ---\n" + self.log.read_text(errors="replace")[-3000:]

    def stop(self):
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(10)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()


class Server:
    """An app server reached over HTTP with the curator's cookies."""

    def __init__(self, process, port, cookies):
        self.process, self.port, self.cookies = process, port, cookies

    def request(self, method, path, body=b"", headers=()):
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        try:
            client.request(method, path, body, {"Cookie": cookie, **dict(headers)})
            response = client.getresponse()
            return response.status, response, response.read().decode()
        finally:
            client.close()

    def get(self, path) -> str:
        status, _response, html = self.request("GET", path)
        assert status == 200, f"GET {path} on port {self.port}: {status}"
        return html

    def answers(self) -> bool:
        try:
            return self.request("GET", "/admin/")[0] == 200
        except OSError:
            return False


def multipart(fields: dict, file_name: str, content: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file_name}"\r\n'
        f"Content-Type: text/csv\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@pytest.fixture
def processes(transactional_db, tmp_path):
    """The started processes; stopped before the database is flushed."""
    if connection.vendor != "postgresql":
        pytest.skip("Several app servers share a PostgreSQL database: run with DATABASE_URL")
    (tmp_path / "private").mkdir()  # the storage the servers share: see two_servers_settings
    started = []
    yield started
    for process in started:
        process.stop()


@pytest.fixture
def curator_session(processes, django_user_model):
    restore_migrated_data()  # the curators' group, after other tests' flushes
    client = login_client(django_user_model, CURATORS, "curator")
    return client.cookies["sessionid"].value


def start(processes, tmp_path, name, command):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.two_servers_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "example_site")]),
        "TWO_SERVERS_DATABASE": connection.settings_dict["NAME"],
        "TWO_SERVERS_PRIVATE_FILES": str(tmp_path / "private"),
        "TWO_SERVERS_CACHE": str(tmp_path / "cache"),
    }
    process = Process(name, command, env, tmp_path)
    processes.append(process)
    return process


def start_server(processes, tmp_path, name, port, cookies) -> Server:
    command = [sys.executable, "-m", "gunicorn", "--workers=1", f"--bind=127.0.0.1:{port}"]
    if any(setting.name == "control_socket_disable" for setting in KNOWN_SETTINGS):
        command.append("--no-control-socket")  # newer gunicorn's: one path for all servers
    process = start(processes, tmp_path, name, [*command, "school_site.wsgi:application"])
    return Server(process, port, cookies)


def test_an_upload_on_one_server_is_confirmed_on_another(processes, curator_session, tmp_path):
    cookies = {"sessionid": curator_session}
    port_1, port_2 = free_ports(2)
    first = start_server(processes, tmp_path, "server-1", port_1, cookies)
    second = start_server(processes, tmp_path, "server-2", port_2, cookies)
    manage = [sys.executable, "example_site/manage.py"]
    worker = start(
        processes,
        tmp_path,
        "worker",
        [*manage, "db_worker", "--backend=imports", "--interval=0.2", "--no-reload"],
    )
    for server in (first, second):
        wait_for(f"{server.process.name} to answer", server.answers, processes)

    # The upload, on the first server, with its form's CSRF token and cookie.
    upload_url = reverse(f"{MENTEES}:import")
    status, response, form = first.request("GET", upload_url)
    assert status == 200
    set_cookies = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie"):
        set_cookies.load(header)
    cookies["csrftoken"] = set_cookies["csrftoken"].value
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
    body, content_type = multipart({"csrfmiddlewaretoken": token}, "big.csv", mentees_csv(8))
    status, response, _html = first.request(
        "POST", upload_url, body, {"Content-Type": content_type}
    )
    assert status == 302, _html[:500]
    preview_url = response.getheader("Location")

    # The worker's preview, on the second server.
    def previewed():
        html = second.get(preview_url)
        assert 'data-task-status="failed"' not in html, worker.output()
        return 'data-task-status="' not in html and html

    assert 'data-count="new">8<' in wait_for("the preview", previewed, processes)
    assert Mentee.objects.count() == 0

    status, response, _html = second.request(
        "POST",
        preview_url,
        f"csrfmiddlewaretoken={token}&action=confirm".encode(),
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert (status, response.getheader("Location")) == (302, preview_url)

    # The worker's import, on the first server.
    def imported():
        html = first.get(preview_url)
        assert 'data-task-status="failed"' not in html, worker.output()
        return 'data-task-status="done"' in html and html

    assert "«big.csv»" in wait_for("the import", imported, processes)
    assert Mentee.objects.count() == 8
    assert SpreadsheetImport.objects.get().task_status == "done"  # by the worker, not at once
