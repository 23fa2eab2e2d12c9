"""Serving speed of the app's public pages behind gunicorn, against a plain page of the same text.

    .venv/bin/python benchmarks/serve_bench.py [--seconds 30] [--connections 50]

Builds, on a throw-away SQLite database, a roadmap page (30 stages, 300 activities), the
school's home page carrying the app's blocks (roadmap summary, latest practices, programme
results) and a plain Wagtail page holding the roadmap page's text. Starts gunicorn with 2
workers on a loopback port and loads each page in turn with ``--connections`` concurrent
clients for ``--seconds``. Prints one JSON line: requests per second, p99 latency and errors
of each page, the ratios roadmap / plain and home / plain (goal ≥ 0.9), and the roadmap
page's SQL queries with a cold and a warm cache.

gunicorn comes with the ``test`` extra. Each worker keeps its own local-memory cache: the
pages are warmed before each run is measured.
"""

import argparse
import asyncio
import json
import math
import os
import socket
import subprocess
import sys
import time

from _django import ROOT, setup

WORKERS = 2
REQUEST_TIMEOUT = 10  # seconds; a slower answer counts as an error


def build_pages():
    """The three pages; returns their paths."""
    import re

    from django.test import Client

    from home.models import HomePage
    from tests.builders import (
        build_practice,
        build_practices_index,
        build_roadmap,
        build_site,
        publish_child,
    )
    from wagtail_mentorship.public.results_block import current_programme_year

    home = build_site()
    roadmap = build_roadmap(home, stages=30, activities=10)
    index = build_practices_index(home)
    for n in range(1, 7):
        build_practice(index, title=f"Практика {n}")
    home.body = [
        ("paragraph", "<p>Наставничество в нашей школе.</p>"),
        ("roadmap_summary", {"heading": "", "roadmap": roadmap}),
        ("latest_practices", {"heading": "", "count": 3, "index_page": index}),
        (
            "programme_results",
            {"heading": "", "organization": roadmap.organization, "year": current_programme_year()},
        ),
    ]
    home.save_revision().publish()

    # The plain page: the roadmap page's own article, as a rich text paragraph.
    html = Client().get(roadmap.url).content.decode()
    article = re.search(r"<article.*</article>", html, re.DOTALL).group(0)
    plain = publish_child(home, HomePage(title=roadmap.title, slug="plain"))
    plain.body = [("paragraph", article)]
    plain.save_revision().publish()
    return {"roadmap": roadmap.url, "home": home.url, "plain": plain.url}


def query_counts(path):
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    client = Client()
    counts = {}
    for state in ("cold", "warm"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        counts[state] = len(queries)
    return counts


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port):
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "example_site")]),
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "school_site.wsgi:application",
        ],
        env=environment,
    )


async def fetch(port, path) -> int:
    """One GET on a new connection; returns the status code."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode()
        )
        await writer.drain()
        status_line = await reader.readline()
        await reader.read()  # headers and body, up to the server's close
        return int(status_line.split()[1])
    finally:
        writer.close()


async def wait_until_serving(port, path, proc):
    for _ in range(300):
        if proc.poll() is not None:
            raise SystemExit("gunicorn exited")
        try:
            if await fetch(port, path) == 200:
                return
        except OSError:
            pass
        await asyncio.sleep(0.1)
    raise SystemExit("gunicorn did not start")


async def load(port, path, connections, seconds):
    """``connections`` clients each requesting ``path`` until ``seconds`` are over."""
    latencies, errors = [], 0
    deadline = time.perf_counter() + seconds

    async def client():
        nonlocal errors
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            try:
                status = await asyncio.wait_for(fetch(port, path), REQUEST_TIMEOUT)
            except (OSError, TimeoutError, ValueError, IndexError):
                status = None
            if status == 200:
                latencies.append(time.perf_counter() - start)
            else:
                errors += 1

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(connections)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    p99 = latencies[max(0, math.ceil(len(latencies) * 0.99) - 1)] if latencies else None
    return {
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "p99_ms": round(p99 * 1000, 1) if p99 is not None else None,
        "errors": errors,
    }


async def measure(port, paths, connections, seconds, proc):
    await wait_until_serving(port, paths["plain"], proc)
    # Warm every worker's cache and templates for every page before measuring any.
    for path in paths.values():
        await load(port, path, connections, 1)
    return {name: await load(port, path, connections, seconds) for name, path in paths.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--connections", type=int, default=50)
    args = parser.parse_args()

    setup()
    paths = build_pages()
    queries = query_counts(paths["roadmap"])
    port = free_port()
    proc = start_gunicorn(port)
    try:
        results = asyncio.run(measure(port, paths, args.connections, args.seconds, proc))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    plain = results["plain"]["requests_per_s"] or math.nan
    print(
        json.dumps(
            {
                "connections": args.connections,
                "seconds": args.seconds,
                "workers": WORKERS,
                **results,
                "roadmap_over_plain": round(results["roadmap"]["requests_per_s"] / plain, 2),
                "home_over_plain": round(results["home"]["requests_per_s"] / plain, 2),
                "roadmap_queries_cold": queries["cold"],
                "roadmap_queries_warm": queries["warm"],
            }
        )
    )


if __name__ == "__main__":
    main()
