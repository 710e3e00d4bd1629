"""Copy checks for Arabic translations of English wire copy. Pure Python: no Django here.

    from khabar.qa import check, has_errors, load_glossary
    findings = check(english_paragraphs, arabic_paragraphs, glossary=load_glossary("glossary.csv"))

The ``apps`` module exists only so Django finds the ``khabar qa`` command.
"""

from .checks import check
from .findings import ERROR, WARNING, Finding, has_errors
from .glossary import Glossary, GlossaryError, Term, load_glossary
from .story import split_paragraphs

__all__ = [
    "ERROR",
    "WARNING",
    "Finding",
    "Glossary",
    "GlossaryError",
    "Term",
    "check",
    "has_errors",
    "load_glossary",
    "split_paragraphs",
]
