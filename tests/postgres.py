"""The run's PostgreSQL server, for tests that make and drop databases of their own on it."""

import os


def postgres_server(default=None):
    """DATABASE_URL without its database name when it names PostgreSQL, else ``default``."""
    url = os.environ.get("DATABASE_URL", "")
    return url.rsplit("/", 1)[0] if url.startswith(("postgres://", "postgresql://")) else default


def admin(server, statement):
    """Run one statement (CREATE or DROP DATABASE) on the server's ``postgres`` database, autocommitted."""
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=3) as connection:
        connection.execute(statement)
