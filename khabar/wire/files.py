"""Reading wire files from disk: a size cap enforced while reading, and drop folders kept inside their root.

A drop-folder source names a server path, so it could otherwise read (and move) any file the
process can: ``/etc``, the secret key or the database under ``var/``. Drop folders must sit under
``KHABAR_WIRE_DROP_ROOT``, which itself must lie outside ``var/``.
"""

from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from .parsers import max_bytes
from .parsers.errors import PayloadTooLargeError


class FolderRefused(Exception):
    """The drop folder is not usable; the message (Arabic, for the admin and the source's health) says why."""


def read_capped(path: Path) -> bytes:
    """The bytes of ``path``, refused once they pass the payload cap (a 200 MB file is never read whole)."""
    limit = max_bytes()
    with open(path, "rb") as file:
        data = file.read(limit + 1)
    if len(data) > limit:
        raise PayloadTooLargeError(f"file is over the {limit} byte cap")
    return data


def drop_root() -> Path:
    configured = settings.KHABAR_WIRE_DROP_ROOT
    if not configured:
        raise FolderRefused(
            _("Drop folders are disabled: set KHABAR_WIRE_DROP_ROOT to the folder that holds them.")
        )
    root = Path(configured).resolve()
    var = Path(settings.VAR_DIR).resolve()
    if root == var or root.is_relative_to(var) or var.is_relative_to(root):
        raise FolderRefused(_("KHABAR_WIRE_DROP_ROOT must not contain or lie inside the var/ folder."))
    return root


def drop_folder(folder: str) -> Path:
    """``folder`` resolved (symbolic links followed), when it lies under the drop root."""
    root = drop_root()
    if not folder:
        raise FolderRefused(_("A drop folder needs a path."))
    path = Path(folder)
    if not path.is_absolute():
        path = root / path
    path = path.resolve()
    if not path.is_relative_to(root):
        raise FolderRefused(_("The drop folder must lie under %(root)s.") % {"root": root})
    return path


def dropped_files(folder: Path) -> list[Path]:
    """Regular files directly in ``folder``: no hidden files, no symbolic links (which could point anywhere)."""
    return sorted(
        p for p in folder.iterdir() if not p.is_symlink() and p.is_file() and not p.name.startswith(".")
    )
