"""Ordering item versions and showing what changed between two of them."""

import difflib

from khabar.core.markup import plain_lines


def is_newer(version: str, created, than_version: str, than_created) -> bool:
    """Whether (version, created) supersedes (than_version, than_created).

    Numeric versions compare as numbers (ninjs, NewsML-G2); otherwise the later
    version-created time wins; without either the newer arrival wins.
    """
    if version.isdigit() and than_version.isdigit():
        return int(version) > int(than_version)
    if created and than_created:
        return created >= than_created
    return True


def _lines(headline: str, body_html: str) -> list[str]:
    return [headline, *plain_lines(body_html, sanitized=True)]


def diff(old_headline, old_body, new_headline, new_body) -> str:
    """A unified diff of the two versions' text, paragraph by paragraph."""
    return "\n".join(
        difflib.unified_diff(
            _lines(old_headline, old_body), _lines(new_headline, new_body), "old", "new", lineterm="", n=1
        )
    )
