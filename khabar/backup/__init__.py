"""Backups: ``khabar backup DIR`` and ``khabar restore DIR`` (the database and the media folder)."""
