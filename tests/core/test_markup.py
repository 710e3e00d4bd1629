"""The one HTML-to-text stripper (khabar.core.markup) that wire, desk, search and near-duplicates share."""

import pytest

from khabar.core.markup import _BLOCK, BLOCK_TAGS, plain_lines, plain_text, strip_tags

BODY = "<h2>عنوان</h2><p>قال ال<b>كرملين</b> إن</p><ul><li>أول</li><li>ثان</li></ul><p>سطر<br>آخر</p>"


@pytest.mark.parametrize("sanitized", [True, False])
def test_blocks_separate_and_inline_tags_join_their_words(sanitized):
    assert plain_lines(BODY, sanitized=sanitized) == ["عنوان", "قال الكرملين إن", "أول", "ثان", "سطر", "آخر"]
    assert plain_text(BODY, sanitized=sanitized) == "عنوان قال الكرملين إن أول ثان سطر آخر"


def test_strip_tags_keeps_the_whitespace_and_takes_the_separator():
    assert strip_tags("<p>a  b</p><p>c&amp;d</p>", sanitized=True) == " a  b  c&d "
    assert strip_tags("<p>a</p><p>b</p>", sanitized=True, separator="") == "ab"


def test_entities_are_unescaped_and_whitespace_collapsed():
    assert plain_text("<p>  x &amp;\n\t y&nbsp;z </p>") == "x & y z"  # a no-break space is a space too
    assert plain_lines("<p>a</p>\n\n<p>   </p><p>b</p>") == ["a", "b"]


def test_outside_markup_is_sanitised_first_a_less_than_sign_is_text_and_scripts_are_not():
    assert plain_text("<p>3 < 5 and 7 > 6</p>") == "3 < 5 and 7 > 6"
    assert plain_text("<p>a</p><script>alert('x')</script><style>p{}</style><!-- note -->") == "a"
    assert plain_text('<p class="x" onclick="y()">a</p>') == "a"


def test_the_block_pattern_matches_exactly_the_block_tags():
    for name in BLOCK_TAGS:
        assert _BLOCK.fullmatch(f"<{name}>") and _BLOCK.fullmatch(f"</{name}>"), name
        assert _BLOCK.fullmatch(f'<{name} class="x">'), name
    for name in ("b", "i", "a", "span", "strong", "em", "pre2", "table2", "header", "tt", "dfn"):
        assert not _BLOCK.fullmatch(f"<{name}>"), name


def test_nothing_gives_nothing():
    assert plain_text("") == "" and plain_lines("") == [] and strip_tags("") == ""
    assert plain_text(None) == ""
