#!/usr/bin/env python3
"""Times the web interface's main pages on a running Rapport, as one user.

Signs in through the sign-in form, warms each page up, then requests it REPEATS times
in a row (one client: the time a person waits, not throughput) and prints a Markdown
table: p50 and p95 server-to-client times, the answer's size, and the database
statements the page ran (the server's /metrics counter before and after one request).
Beside the list page it times the JSON API's page of the same records, the same
server and data without HTML.

    bench/pages.py http://127.0.0.1:8080 EMAIL PASSWORD [REPEATS]
"""
import http.cookiejar
import json
import re
import sys
import time
import urllib.parse
import urllib.request


def main():
    base, email, password = sys.argv[1], sys.argv[2], sys.argv[3]
    repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 100
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = urllib.parse.urlencode({"email": email, "password": password}).encode()
    sign_in = urllib.request.Request(base + "/login", data=form, headers={"Origin": base})
    opener.open(sign_in).read()

    def get(path):
        request = urllib.request.Request(base + path, headers={"Accept": "text/html"})
        with opener.open(request) as answer:
            return answer.read()

    def statements():
        text = urllib.request.urlopen(base + "/metrics").read().decode()
        return int(re.search(r"rapport_database_statements_total (\d+)", text).group(1))

    people = json.loads(get("/api/v1/people?limit=1&order_by=name"))["data"]
    person = people[0]["id"] if people else None
    family = (people[0].get("name") or {}).get("last", "a") if people else "a"
    opportunities = json.loads(get("/api/v1/opportunities?limit=1"))["data"]
    pages = [
        ("Home", "/"),
        ("People list (50 rows)", "/o/people"),
        ("People list, searched", "/o/people?q=" + urllib.parse.quote(family[:4])),
        ("JSON API page of the same 50 people", "/api/v1/people?limit=50&order_by=name"),
        ("Person page (fields, related lists, timeline)", f"/o/people/{person}"),
        ("Opportunities list", "/o/opportunities"),
        ("Global search", "/search?q=" + urllib.parse.quote(family[:4])),
        ("Kanban (opportunities by stage)", "/kanban/opportunities"),
        ("Calendar (week)", "/calendar?view=week"),
    ]
    if opportunities:
        pages.append(("Opportunity page", f"/o/opportunities/{opportunities[0]['id']}"))
    print("| page | p50 | p95 | size | statements |")
    print("|---|---|---|---|---|")
    for name, path in pages:
        try:
            for _ in range(5):
                get(path)
        except urllib.error.HTTPError as e:
            print(f"| {name} (`{path.split('?')[0]}`) | — | — | HTTP {e.code} | — |")
            continue
        before = statements()
        size = len(get(path))
        ran = statements() - before - 0
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            get(path)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p50 = times[len(times) // 2]
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        print(f"| {name} (`{path.split('?')[0]}`) | {p50:.1f} ms | {p95:.1f} ms | {size / 1024:.0f} KiB | {ran} |")


if __name__ == "__main__":
    main()
