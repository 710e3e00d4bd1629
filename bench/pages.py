"""Article page throughput against nginx serving the same HTML. Run: python bench/pages.py [STORIES]

In a fresh temporary directory (KHABAR_VAR_DIR, so a fresh SQLite database and
cache), this migrates, imports STORIES stories (default 20,000) from
bench/corpus.py with ``khabar import-articles``, and serves the
site with ``khabar serve`` (its defaults: one Granian worker process, four threads,
local-memory page cache) on a free loopback port. It then measures anonymous
requests/s for one article page with ``wrk -t2 -c8 -d10s``:

* uncached: the server runs with PAGE_CACHE_SECONDS=0, so the page cache
  middleware still looks up, computes tag versions and stores every response,
  but the entry expires at once: every request runs the full Wagtail route,
  the database queries and the template render. (A cache-busting query string
  would also render every time, but would fill the cache with one entry per
  request and needs a wrk script; the setting measures the same path cleanly.)
* cached: the normal configuration; the page is warmed once, then every
  request is a cache hit (checked through the X-Khabar-Cache header).
* Varnish hit: the shipped deploy/varnish/khabar.vcl (backend port changed to
  the bench server's) in front of the cached server, when varnishd is installed;
  every request is an edge hit (checked through the X-Cache header).

* WordPress: when WordPress answers at 127.0.0.1:8081 (../shared/anchors/
  wordpress/setup.sh, loaded with the same corpus and story count), its
  eleventh-newest post, as Khabar's article above (page cache plugins: none).

Reference, measured in the same run: nginx (/usr/sbin/nginx, our own config on
another free loopback port) serving the HTML the site returned, as a static
file. Figures are printed as requests/s and as a fraction of nginx's, with the
targets of issue 12 and the ratio of Khabar uncached to WordPress.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KHABAR = ROOT / ".venv" / "bin" / "khabar"
CORPUS = ROOT / "bench" / "corpus.py"
NGINX = "/usr/sbin/nginx"
VARNISHD = shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin")
VCL = ROOT / "deploy" / "varnish" / "khabar.vcl"
WRK = "/usr/bin/wrk"
WRK_ARGS = ["-t2", "-c8", "-d10s"]
# wrk drops answers slower than 2 s by default; a slow page should count as slow, not vanish.
WRK_TIMEOUT = ["--timeout", "30s"]
WORDPRESS = "http://127.0.0.1:8081"
UNCACHED = "Khabar, uncached (full render)"
LONG_TAIL = "Khabar, uncached, a different article each request"
CACHED = "Khabar, cached (anonymous page cache)"
VARNISH = "Varnish hit (deploy/varnish/khabar.vcl)"
WORDPRESS_ROW = "WordPress 6.1 article (PHP-FPM, MariaDB)"
TARGETS = {VARNISH: "≥ 1/2", CACHED: "≥ 1/15"}

NGINX_CONF = """
worker_processes auto;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {tmp}/nginx-body;
    proxy_temp_path {tmp}/nginx-proxy;
    fastcgi_temp_path {tmp}/nginx-fastcgi;
    uwsgi_temp_path {tmp}/nginx-uwsgi;
    scgi_temp_path {tmp}/nginx-scgi;
    types {{ text/html html; }}
    server {{
        listen 127.0.0.1:{port};
        root {tmp}/nginx-root;
    }}
}}
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def khabar(env, *args, **kwargs):
    return subprocess.run([str(KHABAR), *args], env=env, check=True, **kwargs)


def wait_for(url, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response
        except urllib.error.HTTPError as error:
            raise SystemExit(f"{url} answered {error.code}") from None
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"no answer from {url} within {timeout} s")


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.headers, response.read()


# Each wrk thread walks its own share of the article paths (thread i takes every THREADS-th from i), so
# no article is asked for twice until the list is done.
LONG_TAIL_LUA = """
local paths = {%s}
local threads = 0
function setup(thread) thread:set("first", threads); threads = threads + 1 end
function init(args) position = first end
request = function()
  local path = paths[(position %% #paths) + 1]
  position = position + %d
  return wrk.format("GET", path)
end
"""


def lua_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def wrk(url, script=None):
    out = subprocess.run(
        [WRK, *WRK_ARGS, *WRK_TIMEOUT, *(["-s", str(script)] if script else []), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in out:
        raise SystemExit(f"wrk saw error responses from {url}:\n{out}")
    if "Socket errors" in out:
        print(f"wrk: {out.split('Socket errors:')[1].splitlines()[0].strip()} on {url[:60]}…")
    latency = re.search(r"Latency\s+(\S+)", out).group(1)
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), latency


class Server:
    """``khabar serve`` in its own process group, stopped on exit."""

    def __init__(self, env, port):
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [str(KHABAR), "serve", "--bind", f"127.0.0.1:{port}"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(Path(env["KHABAR_VAR_DIR"]) / f"serve-{port}.log", "w"),  # noqa: SIM115
            start_new_session=True,
        )

    def __enter__(self):
        wait_for(self.url + "/")
        return self

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def varnish_hit(tmp, backend_port, path):
    edge_port = free_port()
    vcl = tmp / "khabar.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";'))
    command = [VARNISHD, "-F", "-j", "none", "-n", str(tmp / "varnish"), "-a", f"127.0.0.1:{edge_port}"]
    varnish = subprocess.Popen(
        [*command, "-f", str(vcl), "-s", "malloc,64m"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        url = f"http://127.0.0.1:{edge_port}{path}"
        wait_for(url)
        assert fetch(url)[1]["X-Cache"] == "hit"
        return wrk(url)
    finally:
        varnish.terminate()
        varnish.wait(timeout=30)


def wordpress_article():
    """The URL of WordPress's eleventh-newest post, when WordPress answers at 127.0.0.1:8081."""
    try:
        status, _, body = fetch(f"{WORDPRESS}/?rest_route=/wp/v2/posts&per_page=1&offset=10&_fields=link")
    except OSError:
        return None
    if status != 200:
        return None
    url = json.loads(body)[0]["link"]
    return url if fetch(url)[0] == 200 else None


def main(stories=20000, cache_url=None):
    tmp = Path(tempfile.mkdtemp(prefix="khabar-bench-pages-"))
    tmp.chmod(0o755)  # nginx workers run as an unprivileged user
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "CACHE_URL", "DJANGO_SETTINGS_MODULE")
    }
    port = free_port()
    env.update(KHABAR_VAR_DIR=str(tmp), KHABAR_BASE_URL=f"http://127.0.0.1:{port}", DEBUG="false")
    if cache_url:  # the production cache: `khabar serve` then runs one worker process per core
        env["CACHE_URL"] = cache_url
    try:
        cache = f"cache {cache_url}, one worker per core" if cache_url else "local-memory cache, one worker"
        print(
            f"# Khabar article page vs nginx static file ({stories:,} stories, SQLite, {cache}, "
            f"wrk {' '.join(WRK_ARGS)})"
        )
        khabar(env, "migrate", "--noinput", "-v0")
        khabar(env, "collectstatic", "--noinput", "-v0")
        corpus = tmp / "corpus.jsonl"
        with corpus.open("w") as out:
            subprocess.run([sys.executable, str(CORPUS), str(stories)], stdout=out, check=True)
        started = time.monotonic()
        khabar(env, "import-articles", str(corpus), stdout=subprocess.DEVNULL)
        print(f"import-articles: {stories:,} stories in {time.monotonic() - started:.1f} s")
        path = (
            khabar(
                env,
                "shell",
                "-c",
                "from khabar.newsroom.models import ArticlePage;"
                "print(ArticlePage.objects.live().order_by('-first_published_at')[10].url);"
                "print(*(a.url for a in ArticlePage.objects.live().order_by('?')), sep='\\n')",
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()
        )
        # The shell may print a banner first; then the article measured, then every article in random order.
        start = next(i for i, line in enumerate(path) if line.startswith("/"))
        path, every_article = path[start], path[start + 1 :]
        long_tail = tmp / "long-tail.lua"
        long_tail.write_text(
            LONG_TAIL_LUA % (", ".join(map(lua_string, every_article)), int(WRK_ARGS[0][2:]))
        )

        results = {}
        with Server({**env, "PAGE_CACHE_SECONDS": "0"}, port) as server:
            status, headers, html = fetch(server.url + path)
            assert status == 200 and headers["X-Khabar-Cache"] == "miss", headers
            assert fetch(server.url + path)[1]["X-Khabar-Cache"] == "miss"
            results[UNCACHED] = wrk(server.url + path)
            # What nothing can be kept for: a reader who opens a story nobody opened since it changed.
            results[LONG_TAIL] = wrk(server.url + "/", long_tail)
        with Server(env, port) as server:
            fetch(server.url + path)
            status, headers, html = fetch(server.url + path)
            assert status == 200 and headers["X-Khabar-Cache"] == "hit", headers
            results[CACHED] = wrk(server.url + path)
            if VARNISHD:
                results[VARNISH] = varnish_hit(tmp, port, path)
        if wordpress := wordpress_article():
            results[WORDPRESS_ROW] = wrk(wordpress)

        (tmp / "nginx-root").mkdir()
        (tmp / "nginx-root" / "article.html").write_bytes(html)
        nginx_port = free_port()
        conf = tmp / "nginx.conf"
        conf.write_text(NGINX_CONF.format(tmp=tmp, port=nginx_port))
        nginx = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(tmp), "-g", "daemon off;"])
        try:
            static_url = f"http://127.0.0.1:{nginx_port}/article.html"
            wait_for(static_url)
            assert fetch(static_url)[2] == html
            reference, reference_latency = wrk(static_url)
        finally:
            nginx.terminate()
            nginx.wait(timeout=30)

        print(f"article page: {path} ({len(html):,} bytes); load average {os.getloadavg()[0]:.1f}")
        print("| server | requests/s | mean latency | vs. nginx static | target |")
        print("| --- | ---: | ---: | ---: | --- |")
        print(
            f"| nginx, same HTML as a static file (reference) | {reference:,.0f} | {reference_latency} | 1 | |"
        )
        for name, (rate, latency) in results.items():
            ratio = f"{rate / reference:.4f} (1/{reference / rate:,.0f})" if rate else "0"
            print(f"| {name} | {rate:,.1f} | {latency} | {ratio} | {TARGETS.get(name, '')} |")
        requests = results[LONG_TAIL][0] * 10
        if requests > len(every_article):
            print(
                f"(long tail: about {requests:,.0f} requests for {len(every_article):,} articles, some twice)"
            )
        if WORDPRESS_ROW in results:
            times = results[UNCACHED][0] / results[WORDPRESS_ROW][0]
            print(f"Khabar uncached / WordPress, article page: {times:.2f}× (target ≥ 5×)")
            times = results[LONG_TAIL][0] / results[WORDPRESS_ROW][0]
            print(f"Khabar uncached, a different article each request / WordPress: {times:.2f}×")
        else:
            print(f"WordPress does not answer at {WORDPRESS}: no comparison in this run")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stories", type=int, nargs="?", default=20000)
    parser.add_argument("--cache-url", help="serve with this CACHE_URL (e.g. redis://127.0.0.1:6379/9)")
    arguments = parser.parse_args()
    main(arguments.stories, arguments.cache_url)
