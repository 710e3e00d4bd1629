import secrets
import shutil
import subprocess

import pytest

from tests.postgres import admin, postgres_server

from .processes import KHABAR, Site, environment


@pytest.fixture(scope="session")
def migrated(tmp_path_factory):
    """A migrated database to copy from: a SQLite file, or on PostgreSQL a template database."""
    folder = tmp_path_factory.mktemp("worker-db")
    server = postgres_server()
    if server:
        name = f"khabar_faults_{secrets.token_hex(4)}"
        admin(server, f"CREATE DATABASE {name}")
        database = f"{server}/{name}"
    else:
        database = folder / "khabar.sqlite3"
    subprocess.run(
        [str(KHABAR), "migrate", "--noinput"],
        env=environment(folder, database),
        check=True,
        capture_output=True,
    )
    yield database
    if server:
        admin(server, f"DROP DATABASE IF EXISTS {name}")


@pytest.fixture
def make_site(migrated, tmp_path):
    """``make_site(**environment)``: a site on a fresh copy of the migrated database."""
    made, databases = [], []
    server = postgres_server()

    def make(**extra):
        if server:
            name = f"khabar_faults_{secrets.token_hex(4)}"
            admin(server, f"CREATE DATABASE {name} TEMPLATE {str(migrated).rsplit('/', 1)[1]}")
            databases.append(name)
            database = f"{server}/{name}"
        else:
            database = tmp_path / "khabar.sqlite3"
            shutil.copy(migrated, database)
        made.append(Site(tmp_path, database, **extra))
        return made[-1]

    yield make
    for site in made:
        site.stop()
    for name in databases:
        admin(server, f"DROP DATABASE IF EXISTS {name}")
