"""Readers' cached pages while a flood of refused comment posts arrives. Run: python bench/load.py [STORIES]

In a fresh temporary directory (as bench/pages.py: SQLite, local-memory cache, ``khabar serve`` with its
defaults on a free loopback port) with STORIES stories (default 2,000) from bench/corpus.py, this warms a
mix of anonymous pages (home, articles, sections, search, RSS and Atom feeds) and checks that each is a cache
hit, then measures readers with wrk (its own process; a Lua script walks the mix), twice:

* alone: the readers only;
* during a flood: a second wrk process posts comments as fast as it can to one article's comment endpoint
  (no session, no CSRF token, no solved check), which Khabar refuses (429 once the address's rate limit
  is spent, 403 or 400 before that).

It prints the readers' p50 and p99 latency and requests/s in both runs, the ratio of the p50s (target: the
flood at most triples it), the flood's rate and answers, and the errors: a reader answer other than 200, a
flood answer of 500 or more, or a socket error on either side (target: none).
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter
from pathlib import Path

from pages import CORPUS, WRK, Server, fetch, free_port, khabar, lua_string

SECONDS = 10
READERS = ["-t1", "-c8"]
FLOOD = ["-t1", "-c8"]

# Each wrk thread counts its answers by status; done() adds the threads up.
COUNTING = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function response(status, headers, body)
  local key = "s" .. status
  counts[key] = (counts[key] or 0) + 1
end
function init(args) counts = {} end
function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for key, n in pairs(thread:get("counts")) do total[key] = (total[key] or 0) + n end
  end
  for key, n in pairs(total) do io.write(string.format("status %s %d\\n", key:sub(2), n)) end
  io.write(string.format("p50_us %d\\np99_us %d\\n", latency:percentile(50), latency:percentile(99)))
end
"""

READERS_LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""

FLOOD_LUA = """
wrk.method = "POST"
wrk.body = "name=%s&comment=%s&altcha=x"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
"""


def run_wrk(threads, script, url, seconds):
    return subprocess.Popen(
        [WRK, *threads, f"-d{seconds}s", "--timeout", "30s", "-s", str(script), url],
        stdout=subprocess.PIPE,
        text=True,
    )


def read_wrk(process):
    out, _ = process.communicate(timeout=120)
    statuses = Counter({int(s): int(n) for s, n in re.findall(r"^status (\d+) (\d+)$", out, re.M)})
    socket_errors = (
        sum(
            int(n)
            for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out.split("Socket errors:")[-1])
        )
        if "Socket errors:" in out
        else 0
    )
    return {
        "rate": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": int(re.search(r"^p50_us (\d+)$", out, re.M).group(1)) / 1000,
        "p99": int(re.search(r"^p99_us (\d+)$", out, re.M).group(1)) / 1000,
        "statuses": statuses,
        "socket_errors": socket_errors,
    }


def mix(env, server):
    """The readers' pages: home, five articles, two sections, a search, the feeds; each checked to be a hit."""
    listing = khabar(
        env,
        "shell",
        "-c",
        "from khabar.newsroom.models import ArticlePage, SectionPage\n"
        "for a in ArticlePage.objects.live().order_by('-first_published_at')[:5]: print('A', a.pk, a.url)\n"
        "for s in SectionPage.objects.live().order_by('path')[:2]: print('S', s.pk, s.url)",
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    rows = [line.split(" ", 2) for line in listing if line[:2] in ("A ", "S ")]
    articles = [(int(pk), url) for kind, pk, url in rows if kind == "A"]
    paths = [
        "/",
        *(url for _, url in articles),
        *(url for kind, _, url in rows if kind == "S"),
        "/search/?q=" + urllib.parse.quote("موسكو"),
        "/feeds/rss/",
        "/feeds/atom/",
    ]
    for path in paths:
        for _ in range(3):  # a render that crossed a tag change is not kept: ask again
            status, headers, _ = fetch(server.url + path)
            if headers["X-Khabar-Cache"] == "hit":
                break
        assert status == 200 and headers["X-Khabar-Cache"] == "hit", (path, status, dict(headers))
    return paths, articles[0][0]


def main(stories=2000):
    tmp = Path(tempfile.mkdtemp(prefix="khabar-bench-load-"))
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "CACHE_URL", "DJANGO_SETTINGS_MODULE")
    }
    port = free_port()
    env.update(KHABAR_VAR_DIR=str(tmp), KHABAR_BASE_URL=f"http://127.0.0.1:{port}", DEBUG="false")
    try:
        khabar(env, "migrate", "--noinput", "-v0")
        khabar(env, "collectstatic", "--noinput", "-v0")
        corpus = tmp / "corpus.jsonl"
        with corpus.open("w") as out:
            subprocess.run([sys.executable, str(CORPUS), str(stories)], stdout=out, check=True)
        khabar(env, "import-articles", str(corpus), stdout=subprocess.DEVNULL)
        with Server(env, port) as server:
            paths, article = mix(env, server)
            readers = tmp / "readers.lua"
            readers.write_text(READERS_LUA % ", ".join(map(lua_string, paths)) + COUNTING)
            flood = tmp / "flood.lua"
            flood.write_text(
                FLOOD_LUA % (urllib.parse.quote("قارئ"), urllib.parse.quote("تعليق مرفوض " * 20)) + COUNTING
            )
            alone = read_wrk(run_wrk(READERS, readers, server.url, SECONDS))
            flooding = run_wrk(FLOOD, flood, f"{server.url}/comments/article/{article}/post/", SECONDS + 4)
            time.sleep(2)  # the flood is at full rate before the readers start
            during = read_wrk(run_wrk(READERS, readers, server.url, SECONDS))
            refused = read_wrk(flooding)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    reader_errors = sum(n for s, n in (alone["statuses"] + during["statuses"]).items() if s != 200)
    flood_errors = sum(n for s, n in refused["statuses"].items() if s >= 500)
    sockets = alone["socket_errors"] + during["socket_errors"] + refused["socket_errors"]
    print(
        f"# Readers' cached pages with and without a flood of refused comment posts ({stories:,} stories, "
        f"SQLite, {len(paths)} pages; load average {os.getloadavg()[0]:.1f})"
    )
    print("| readers | p50 | p99 | requests/s |")
    print("| --- | ---: | ---: | ---: |")
    for name, run in (("alone", alone), ("during the flood", during)):
        print(f"| {name} | {run['p50']:.2f} ms | {run['p99']:.2f} ms | {run['rate']:,.0f} |")
    answers = ", ".join(f"{status}: {n:,}" for status, n in sorted(refused["statuses"].items()))
    print(f"flood: {refused['rate']:,.0f} posts/s refused ({answers})")
    print(f"p50 during the flood / alone: {during['p50'] / alone['p50']:.2f} (target ≤ 3)")
    print(
        f"errors: {reader_errors + flood_errors + sockets} (reader answers other than 200: {reader_errors}; "
        f"flood answers ≥ 500: {flood_errors}; socket errors: {sockets}; target 0)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
