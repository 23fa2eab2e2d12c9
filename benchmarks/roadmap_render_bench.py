"""Time to render a large roadmap page and its xlsx, with the number of SQL queries.

    .venv/bin/python benchmarks/roadmap_render_bench.py [--stages 30] [--activities 10]

Runs against a throw-away SQLite database and prints one JSON line.
"""

import argparse
import json
import statistics
import time

from _django import setup


def timed(client, url, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return round(statistics.median(times), 1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stages", type=int, default=30)
    parser.add_argument("--activities", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tests.builders import build_roadmap, build_site

    roadmap = build_roadmap(build_site(), stages=args.stages, activities=args.activities)
    client = Client()
    client.get(roadmap.url)
    with CaptureQueriesContext(connection) as queries:
        client.get(roadmap.url)
    print(
        json.dumps(
            {
                "stages": args.stages,
                "activities": args.stages * args.activities,
                "page_queries": len(queries),
                "page_ms_median": timed(client, roadmap.url, args.repeat),
                "xlsx_ms_median": timed(client, roadmap.url + "xlsx/", args.repeat),
            }
        )
    )


if __name__ == "__main__":
    main()
