"""Posts per second and peak memory of `khabar import-wordpress` on a large export.

    python bench/import_wordpress.py [--posts 20000] [--comments 60000] [--keep FILE]

Writes a WXR file in the shape WordPress's own export has (authors, categories, tags,
then one <item> per post with its comments; three comments in a thread of two levels on
every third post), built from the project's synthetic Arabic corpus (bench/corpus.py),
imports it into a fresh SQLite database in a child process, and prints posts per second,
comments per second and the child's peak resident memory. Reference in the same run:
reading the same file with the importer's streaming reader alone (no database).
"""

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import stories  # noqa: E402

HEADER = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>موقع للقياس</title><link>http://127.0.0.1:8081</link><language>ar</language>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>http://127.0.0.1:8081</wp:base_site_url>
<wp:base_blog_url>http://127.0.0.1:8081</wp:base_blog_url>
"""
CATEGORIES = ["سياسة", "اقتصاد", "العالم العربي", "دولي", "رياضة", "ثقافة"]


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def write_export(path, posts, comments):
    per_post = comments / posts if posts else 0
    authors, comment_id, owed = {}, 0, 0.0
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEADER)
        corpus = list(stories(posts))
        for story in corpus:
            authors.setdefault(story["author"], f"author{len(authors)}")
        for name, login in authors.items():
            out.write(
                f"<wp:author><wp:author_id>{login[6:]}</wp:author_id><wp:author_login>{cdata(login)}</wp:author_login>"
                f"<wp:author_display_name>{cdata(name)}</wp:author_display_name></wp:author>\n"
            )
        for n, name in enumerate(CATEGORIES, 1):
            out.write(
                f"<wp:category><wp:term_id>{n}</wp:term_id><wp:category_nicename>{cdata(f'cat-{n}')}"
                f"</wp:category_nicename><wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>\n"
            )
        for story in corpus:
            wp_id = story["id"] + 1
            when = (
                dt.datetime.fromisoformat(story["published_at"])
                .astimezone(dt.UTC)
                .strftime("%Y-%m-%d %H:%M:%S")
            )
            html = f"<!-- wp:paragraph --><p>{escape(story['dateline'])} ({escape(story['agency'])}) — </p><!-- /wp:paragraph -->"
            for block in story["body"]:
                tag = "h2" if block["type"] == "subheading" else "p"
                kind = "heading" if tag == "h2" else "paragraph"
                html += f"\n\n<!-- wp:{kind} --><{tag}>{escape(block['text'])}</{tag}><!-- /wp:{kind} -->"
            category = CATEGORIES[wp_id % len(CATEGORIES)]
            out.write(
                f"<item><title>{cdata(story['headline'])}</title>"
                f"<link>http://127.0.0.1:8081/{when[:4]}/{when[5:7]}/story-{wp_id}/</link>"
                f"<dc:creator>{cdata(authors[story['author']])}</dc:creator>"
                f"<content:encoded>{cdata(html)}</content:encoded><excerpt:encoded>{cdata('')}</excerpt:encoded>"
                f"<wp:post_id>{wp_id}</wp:post_id><wp:post_date_gmt>{cdata(when)}</wp:post_date_gmt>"
                f"<wp:post_modified_gmt>{cdata(when)}</wp:post_modified_gmt>"
                f"<wp:comment_status>{cdata('open')}</wp:comment_status><wp:post_name>{cdata(f'story-{wp_id}')}</wp:post_name>"
                f"<wp:status>{cdata('publish')}</wp:status><wp:post_type>{cdata('post')}</wp:post_type>"
                f'<category domain="category" nicename="cat-{CATEGORIES.index(category) + 1}">{cdata(category)}</category>'
                f'<category domain="post_tag" nicename="t-{wp_id % 50}">{cdata(story["dateline"])}</category>\n'
            )
            owed += per_post
            parent = 0
            while owed >= 1:
                owed -= 1
                comment_id += 1
                out.write(
                    f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>"
                    f"<wp:comment_author>{cdata('قارئ ' + str(comment_id % 97))}</wp:comment_author>"
                    f"<wp:comment_date_gmt>{cdata(when)}</wp:comment_date_gmt>"
                    f"<wp:comment_content>{cdata('تعليق رقم ' + str(comment_id) + ' على الخبر.')}</wp:comment_content>"
                    f"<wp:comment_approved>{cdata('1')}</wp:comment_approved><wp:comment_type>{cdata('comment')}</wp:comment_type>"
                    f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>\n"
                )
                parent = comment_id if parent == 0 else parent
            out.write("</item>\n")
        out.write("</channel></rss>\n")


def read_only(path):
    """The reference: the importer's streaming reader alone, in this process."""
    from khabar.wordpress import wxr

    started, cpu = time.perf_counter(), time.process_time()
    posts = sum(1 for record in wxr.read(path) if isinstance(record, wxr.Post))
    return posts, time.perf_counter() - started, time.process_time() - cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=20000)
    parser.add_argument("--comments", type=int, default=60000)
    parser.add_argument("--keep", help="keep the generated export at this path")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="khabar-wp-bench-") as tmp:
        export = Path(args.keep or Path(tmp) / "export.xml")
        write_export(export, args.posts, args.comments)
        size = export.stat().st_size / 2**20
        print(f"export: {args.posts} posts, {args.comments} comments, {size:.1f} MiB")
        posts, read_wall, read_cpu = read_only(export)
        reference = posts / read_wall
        print(f"reference, streaming read alone: {reference:,.0f} posts/s wall ({posts / read_cpu:,.0f} CPU)")

        env = dict(
            os.environ, KHABAR_VAR_DIR=str(Path(tmp) / "var"), DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3"
        )
        khabar = [str(Path(sys.executable).with_name("khabar"))]
        subprocess.run([*khabar, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        started = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        result = subprocess.run(
            [*khabar, "import-wordpress", str(export), "--json"],
            env=env,
            check=True,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        report = json.loads(result.stdout)
        cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        created = report["counts"]["post"].get("created", 0)
        comments = report["counts"]["comment"].get("created", 0)
        print(
            f"import: {created} posts, {comments} comments in {wall:.0f} s wall, {cpu:.0f} s CPU: "
            f"{created / wall:.1f} posts/s ({created / cpu:.1f} CPU), {comments / wall:.1f} comments/s; "
            f"peak memory {after.ru_maxrss / 1024:.0f} MiB; failures {len(report['failures'])}"
        )
        print(f"import vs. streaming read alone: {(created / wall) / reference:.4f}x")


if __name__ == "__main__":
    main()
