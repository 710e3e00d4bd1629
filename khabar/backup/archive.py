"""Write and read a Khabar backup folder.

A backup is a folder holding ``manifest.json`` (written last, so a half-written folder is no backup), the
database (``database.sqlite3``, a consistent copy made with SQLite's online backup API, which is safe while
the site writes to its WAL; or ``database.dump``, ``pg_dump`` in custom format) and ``media/``, a copy of
MEDIA_ROOT (originals and renditions). The database is copied before the media, so a picture uploaded
meanwhile leaves at worst an unused file, never a row without its file.
"""

import json
import os
import shutil
import sqlite3
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "khabar-backup"
MANIFEST = "manifest.json"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
ENGINES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class BackupError(Exception):
    """A backup or restore that must not go on; the message is in Arabic and English."""


def backup(folder: Path) -> dict:
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(
            f"المجلد «{folder}» ليس فارغًا؛ اختر مجلدًا جديدًا للنسخة الاحتياطية.\n"
            f"The folder {folder} is not empty; choose a new folder for the backup."
        )
    engine = _engine()
    folder.mkdir(parents=True, exist_ok=True)
    database_file = folder / DATABASE_FILES[engine]
    if engine == "sqlite":
        _sqlite_backup(database_file)
    else:
        _pg_dump(database_file)
    media = _copy_media(Path(settings.MEDIA_ROOT), folder / "media")
    manifest = {
        "format": FORMAT,
        "format_version": 1,
        "khabar_version": _khabar_version(),
        "engine": engine,
        "database_file": database_file.name,
        "database_bytes": database_file.stat().st_size,
        "migrations": _applied_migrations(),
        "media": media,
        "created_at": timezone.now().isoformat(),
    }
    partial = folder / f"{MANIFEST}.partial"
    partial.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    partial.replace(folder / MANIFEST)
    return manifest


def read_manifest(folder: Path) -> dict:
    folder = Path(folder)
    not_a_backup = (
        f"المجلد «{folder}» ليس نسخة احتياطية من خبر",
        f"{folder} is not a Khabar backup",
    )
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError):
        raise BackupError(
            f"{not_a_backup[0]} (لا يوجد {MANIFEST} صالح).\n{not_a_backup[1]} (no valid {MANIFEST})."
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{not_a_backup[0]}.\n{not_a_backup[1]}.")
    name = DATABASE_FILES.get(manifest.get("engine"))
    if not name or manifest.get("database_file") != name or not (folder / name).is_file():
        raise BackupError(
            f"{not_a_backup[0]}: ملف قاعدة البيانات ناقص.\n{not_a_backup[1]}: its database file is missing."
        )
    return manifest


def restore(folder: Path, *, force: bool = False) -> dict:
    """Check the backup against this site, then restore the database and the media; returns the manifest."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    engine = _engine()
    if manifest["engine"] != engine:
        theirs, ours = ENGINES[manifest["engine"]], ENGINES[engine]
        raise BackupError(
            f"هذه نسخة احتياطية من قاعدة {theirs}، وقاعدة هذا الموقع {ours}؛ لا تُستعاد إلا في قاعدة من نوعها.\n"
            f"This is a {theirs} backup and this site's database is {ours}; restore it into a {theirs} database."
        )
    unknown = _unknown_migrations(manifest.get("migrations", {}))
    if unknown:
        raise BackupError(
            "هذه النسخة من إصدار أحدث من خبر (ترحيلات لا يعرفها هذا الإصدار: "
            f"{', '.join(unknown[:5])}). حدّث خبر أولًا.\n"
            f"This backup comes from a newer Khabar (migrations this version lacks: {', '.join(unknown[:5])}). "
            "Upgrade Khabar first."
        )
    media_root = Path(settings.MEDIA_ROOT)
    if not force:
        if connection.introspection.table_names():
            raise BackupError(
                "قاعدة البيانات المستهدفة ليست فارغة؛ أعد التشغيل مع --force لاستبدال محتواها بالنسخة.\n"
                "The target database is not empty; run again with --force to replace its content."
            )
        if media_root.exists() and any(media_root.iterdir()):
            raise BackupError(
                f"مجلد الوسائط «{media_root}» ليس فارغًا؛ أعد التشغيل مع --force.\n"
                f"The media folder {media_root} is not empty; run again with --force."
            )
    database_file = folder / manifest["database_file"]
    if engine == "sqlite":
        _sqlite_restore(database_file)
    else:
        _pg_restore(database_file, clean=force)
    if (folder / "media").is_dir():
        shutil.copytree(folder / "media", media_root, dirs_exist_ok=True)
    return manifest


def _engine() -> str:
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(
            f"لا تدعم النسخ الاحتياطية قاعدة {connection.vendor}.\nBackups do not support {connection.vendor}."
        )
    return connection.vendor


def _khabar_version() -> str:
    try:
        return version("khabar")
    except PackageNotFoundError:
        return "unknown"


def _applied_migrations() -> dict:
    applied = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _unknown_migrations(applied: dict) -> list:
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return [
        f"{app}.{name}"
        for app, names in sorted(applied.items())
        for name in names
        if (app, name) not in known
    ]


def _copy_media(source: Path, target: Path) -> dict:
    if source.is_dir():
        shutil.copytree(source, target)
    else:
        target.mkdir()
    files = [path for path in target.rglob("*") if path.is_file()]
    return {"files": len(files), "bytes": sum(path.stat().st_size for path in files)}


def _sqlite_backup(target: Path):
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
        # A single self-contained file, whatever the site's journal mode.
        copy.execute("PRAGMA journal_mode=DELETE")
    copy.close()


def _sqlite_restore(source: Path):
    connection.ensure_connection()
    with sqlite3.connect(source) as backup_copy:
        backup_copy.backup(connection.connection)
    backup_copy.close()
    connection.close()


def _pg_environment() -> dict:
    """libpq's variables from DATABASES, so the password never shows in a process list."""
    database = settings.DATABASES["default"]
    environment = dict(os.environ)
    for key, variable in [
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ]:
        if database.get(key):
            environment[variable] = str(database[key])
    if sslmode := database.get("OPTIONS", {}).get("sslmode"):
        environment["PGSSLMODE"] = sslmode
    environment["PGDATABASE"] = database["NAME"]
    return environment


def _run(program: str, arguments: list):
    if not shutil.which(program):
        raise BackupError(
            f"البرنامج {program} غير موجود؛ ثبّت عميل PostgreSQL (postgresql-client).\n"
            f"{program} was not found; install the PostgreSQL client (postgresql-client)."
        )
    connection.close()
    result = subprocess.run([program, *arguments], env=_pg_environment(), capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"فشل {program}:\n{program} failed:\n{result.stderr.strip()}")


def _pg_dump(target: Path):
    _run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", f"--file={target}"])


def _pg_restore(source: Path, *, clean: bool):
    options = ["--clean", "--if-exists"] if clean else []
    _run(
        "pg_restore",
        [
            *options,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={settings.DATABASES['default']['NAME']}",
            str(source),
        ],
    )
