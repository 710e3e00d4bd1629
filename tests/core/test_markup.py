"""The one HTML-to-text stripper (khabar.core.markup) that wire, desk, search and near-duplicates share."""

from khabar.core.markup import plain_lines, plain_text


def test_blocks_become_lines_and_inline_tags_join_their_words():
    html = "<h2>عنوان</h2><p>قال ال<b>كرملين</b> إن</p><ul><li>أول</li><li>ثان</li></ul><p>سطر<br>آخر</p>"
    assert plain_lines(html) == ["عنوان", "قال الكرملين إن", "أول", "ثان", "سطر", "آخر"]
    assert plain_text(html) == "عنوان قال الكرملين إن أول ثان سطر آخر"


def test_entities_are_unescaped_and_whitespace_collapsed():
    assert plain_text("<p>  x &amp;\n\t y&nbsp;z </p>") == "x & y z"  # a no-break space is a space too
    assert plain_lines("<p>a</p>\n\n<p>   </p><p>b</p>") == ["a", "b"]


def test_a_less_than_sign_in_text_is_text_and_scripts_are_not():
    assert plain_text("<p>3 < 5 and 7 > 6</p>") == "3 < 5 and 7 > 6"
    assert plain_text("<p>a</p><script>alert('x')</script><style>p{}</style><!-- note -->") == "a"


def test_nothing_gives_nothing():
    assert plain_text("") == "" and plain_lines("") == []
    assert plain_text(None) == ""
