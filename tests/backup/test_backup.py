"""`khabar backup` and `khabar restore` on real ``khabar`` processes, each site with its own database (a SQLite
file, or a PostgreSQL database of the DATABASE_URL server) and its own media folder under tmp_path."""

import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.postgres import admin, postgres_server

REPO = Path(__file__).resolve().parents[2]
KHABAR = Path(sys.executable).with_name("khabar")


class Site:
    """One Khabar site driven through its `khabar` command."""

    def __init__(self, folder, engine):
        self.folder, self.engine = folder, engine
        self.media = folder / "var" / "media"
        if engine == "postgresql":
            self.server = postgres_server()
            self.name = f"khabar_backup_{secrets.token_hex(4)}"
            admin(self.server, f"CREATE DATABASE {self.name}")
            url = f"{self.server}/{self.name}"
        else:
            self.database = folder / "khabar.sqlite3"
            url = f"sqlite:///{self.database}"
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(folder),
            "PYTHONPATH": str(REPO),
            "KHABAR_VAR_DIR": str(folder / "var"),
            "SECRET_KEY": secrets.token_urlsafe(40),
            "DATABASE_URL": url,
            "CACHE_URL": "locmemcache://",
            "KHABAR_STARTER_GLOSSARY": "false",
        }

    def khabar(self, *arguments, check=True):
        result = subprocess.run(
            [str(KHABAR), *arguments], env=self.env, capture_output=True, text=True, timeout=300
        )
        if check:
            assert result.returncode == 0, result.stderr
        return result

    def snapshot(self):
        out = self.khabar("shell", "-c", "from tests.backup.content import snapshot; snapshot()").stdout
        return json.loads(out.strip().splitlines()[-1])

    def wipe(self):
        """Lose the database and the media: an empty database and no media folder remain."""
        if self.engine == "postgresql":
            admin(self.server, f"DROP DATABASE {self.name}")
            admin(self.server, f"CREATE DATABASE {self.name}")
        else:
            for path in self.folder.glob("khabar.sqlite3*"):
                path.unlink()
        shutil.rmtree(self.media)

    def drop(self):
        if self.engine == "postgresql":
            admin(self.server, f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def site(request, tmp_path):
    if request.param == "postgresql" and not postgres_server():
        pytest.skip("DATABASE_URL is not PostgreSQL")
    site = Site(tmp_path, request.param)
    site.khabar("migrate", "--noinput")
    site.khabar("shell", "-c", "from tests.backup.content import create; create()")
    yield site
    site.drop()


def test_round_trip_restores_stories_comments_wire_items_and_images(site, tmp_path):
    before = site.snapshot()
    assert len(before["stories"]) == 2 and len(before["comments"]) == 1 and len(before["wire_items"]) == 1
    assert len(before["images"]) == 1 and len(before["renditions"]) == 1

    site.khabar("backup", str(tmp_path / "backup"))
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["engine"] == site.engine
    assert manifest["media"]["files"] == 2  # the original and its rendition
    assert "0001_initial" in manifest["migrations"]["newsroom"]

    site.wipe()
    restoring = time.time_ns() // 1000
    site.khabar("restore", str(tmp_path / "backup"))
    assert site.snapshot() == before
    # Every process's pages and kept values are checked against these versions: all of them changed.
    read = "from khabar.core.models import CacheTag as T; print(min(T.objects.values_list('changed', flat=True)))"
    assert int(site.khabar("shell", "-c", read).stdout.split()[-1]) >= restoring

    refused = site.khabar("restore", str(tmp_path / "backup"), check=False)
    assert refused.returncode == 2
    assert "ليست فارغة" in refused.stderr and "not empty" in refused.stderr
    site.khabar("restore", "--force", str(tmp_path / "backup"))
    assert site.snapshot() == before


def test_restore_refuses_what_is_not_a_khabar_backup_of_this_engine(tmp_path):
    site = Site(tmp_path, "sqlite")
    folder = tmp_path / "not-a-backup"
    folder.mkdir()
    (folder / "notes.txt").write_text("hello")
    refused = site.khabar("restore", str(folder), check=False)
    assert refused.returncode == 2
    assert "ليس نسخة احتياطية من خبر" in refused.stderr and "not a Khabar backup" in refused.stderr

    (folder / "database.dump").write_bytes(b"PGDMP")
    (folder / "manifest.json").write_text(
        json.dumps({"format": "khabar-backup", "engine": "postgresql", "database_file": "database.dump"})
    )
    refused = site.khabar("restore", str(folder), check=False)
    assert refused.returncode == 2
    assert "PostgreSQL" in refused.stderr and "SQLite" in refused.stderr
    assert not site.database.exists() or site.database.stat().st_size == 0

    (folder / "database.sqlite3").write_bytes(b"")
    (folder / "manifest.json").write_text(
        json.dumps(
            {
                "format": "khabar-backup",
                "engine": "sqlite",
                "database_file": "database.sqlite3",
                "migrations": {"newsroom": ["0001_initial", "9999_from_the_future"]},
            }
        )
    )
    refused = site.khabar("restore", str(folder), check=False)
    assert refused.returncode == 2 and "newsroom.9999_from_the_future" in refused.stderr
    assert not site.database.exists() or site.database.stat().st_size == 0


def test_backup_refuses_a_folder_that_is_not_empty(tmp_path):
    site = Site(tmp_path, "sqlite")
    site.khabar("migrate", "--noinput")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("keep")
    refused = site.khabar("backup", str(tmp_path / "full"), check=False)
    assert refused.returncode == 2 and "not empty" in refused.stderr
    assert (tmp_path / "full" / "keep.txt").read_text() == "keep"


def test_sqlite_backup_is_online_and_leaves_out_a_write_in_progress(tmp_path):
    """Another connection holds the write lock with an uncommitted row: the backup neither waits for it nor
    copies it (SQLite's backup API reads a committed snapshot of the WAL database)."""
    site = Site(tmp_path, "sqlite")
    site.khabar("migrate", "--noinput")
    writer = sqlite3.connect(site.database, isolation_level=None)
    try:
        assert writer.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO taggit_tag (name, slug) VALUES ('uncommitted', 'uncommitted')")
        site.khabar("backup", str(tmp_path / "backup"))
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    with sqlite3.connect(tmp_path / "backup" / "database.sqlite3") as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT count(*) FROM taggit_tag WHERE slug = 'uncommitted'").fetchone()[0] == 0
        assert copy.execute("SELECT count(*) FROM wagtailcore_page").fetchone()[0] >= 2
