"""WordPress post HTML (Gutenberg and classic) as article blocks, without a database."""

import pytest

from khabar.wordpress.content import Converter, Picture, autop, expand_shortcodes, split_credit


class FakeImage:
    def __init__(self, pk):
        self.pk = pk


class Images:
    """Attachments 7 and 8 exist; everything else is missing."""

    def by_id(self, wp_id):
        return (
            Picture(FakeImage(wp_id), f"صورة {wp_id} (تصوير: أ.ب)", "", "بديل") if wp_id in (7, 8) else None
        )

    def by_url(self, url):
        return self.by_id(7) if url.endswith("/2026/11/souq.jpg") else None


def convert(html):
    return Converter(Images()).convert(html)


def kinds(body):
    return [block["type"] for block in body.blocks]


def test_paragraph_rich_text_keeps_bold_italic_and_web_links_only():
    body = convert(
        '<p>نص <strong>عريض</strong> و<em>مائل</em> <a href="javascript:x()">خطر</a> '
        '<a href="https://example.org" onclick="x()">رابط</a> <span style="color:red">ملوّن</span></p>'
    )
    value = body.blocks[0]["value"]
    assert "<b>عريض</b>" in value and "<i>مائل</i>" in value
    assert 'href="https://example.org"' in value
    assert "javascript" not in value and "onclick" not in value and "style" not in value and "ملوّن" in value


def test_gutenberg_blocks_map_to_their_own_blocks():
    body = convert(
        "<!-- wp:heading --><h3>عنوان فرعي</h3><!-- /wp:heading -->\n\n"
        '<!-- wp:image {"id":7} --><figure class="wp-block-image"><img src="x" class="wp-image-7"/>'
        "<figcaption>السوق (تصوير: رويترز)</figcaption></figure><!-- /wp:image -->\n\n"
        '<!-- wp:list {"ordered":true} --><ol><li>أ</li><li>ب</li></ol><!-- /wp:list -->\n\n'
        '<!-- wp:gallery --><figure class="wp-block-gallery"><figure class="wp-block-image"><img class="wp-image-7"/></figure>'
        '<figure class="wp-block-image"><img class="wp-image-8"/></figure></figure><!-- /wp:gallery -->\n\n'
        '<!-- wp:embed --><figure class="wp-block-embed"><div>https://youtu.be/abc</div></figure><!-- /wp:embed -->'
    )
    assert kinds(body) == ["subheading", "image", "list", "gallery", "embed"]
    assert body.blocks[1]["value"] == {"image": 7, "caption": "السوق", "credit": "رويترز"}
    assert body.blocks[2]["value"] == {"ordered": True, "items": ["أ", "ب"]}
    assert [item["image"] for item in body.blocks[3]["value"]] == [7, 8]
    assert body.blocks[3]["value"][0]["credit"] == "أ.ب"
    assert body.blocks[4]["value"] == "https://youtu.be/abc"
    assert body.unknown == []


def test_unknown_blocks_are_kept_sanitised_and_reported():
    body = convert(
        '<!-- wp:table --><figure class="wp-block-table"><table><tr><td onclick="x()">1</td></tr></table></figure>'
        '<!-- /wp:table -->\n\n<!-- wp:html --><div>قبل<script>alert(1)</script><iframe src="https://evil"></iframe>'
        "بعد</div><!-- /wp:html -->"
    )
    assert kinds(body) == ["html", "html"]
    assert "<table>" in body.blocks[0]["value"] and "onclick" not in body.blocks[0]["value"]
    assert body.blocks[1]["value"] == "<div>قبلبعد</div>"
    assert body.unknown == ["wp:table", "wp:html"]


def test_an_embed_from_an_unknown_host_is_not_embedded():
    body = convert('<figure class="wp-block-embed"><div>https://tracker.example/x</div></figure>')
    assert kinds(body) == ["html"]


def test_classic_editor_paragraphs_and_shortcodes():
    content = (
        "السطر الأول\nوالثاني\n\n"
        '[caption id="attachment_7" width="400"]<img class="wp-image-7" src="x"> تعليق الصورة[/caption]\n\n'
        '[gallery ids="7,8,99"]\n\n[embed]https://www.youtube.com/watch?v=1[/embed]\n\n'
        '[contact-form-7 id="1"]\n\nhttps://x.com/a/status/1'
    )
    body = convert(content)
    assert kinds(body) == ["paragraph", "image", "gallery", "embed", "html", "embed"]
    assert body.blocks[0]["value"] == "<p>السطر الأول<br>والثاني</p>"
    assert body.blocks[1]["value"]["caption"] == "تعليق الصورة"
    assert len(body.blocks[2]["value"]) == 2 and body.missing_images == ["attachment 99"]
    assert "[contact-form-7" in body.blocks[4]["value"]
    assert body.unknown == ["[contact-form-7]"]


def test_an_image_that_is_not_in_the_export_is_reported_not_dropped_silently():
    body = convert('<p><img src="http://old.example/wp-content/uploads/2020/01/gone.jpg"></p>')
    assert body.blocks == [] and body.missing_images == [
        "http://old.example/wp-content/uploads/2020/01/gone.jpg"
    ]


@pytest.mark.parametrize(
    "caption, expected",
    [
        ("متسوقون في السوق. (تصوير: أ.ب)", ("متسوقون في السوق.", "أ.ب")),
        ("Crowds (Photo: AP)", ("Crowds", "AP")),
        ("بلا مصدر", ("بلا مصدر", "")),
    ],
)
def test_split_credit(caption, expected):
    assert split_credit(caption) == expected


def test_autop_leaves_block_markup_alone():
    assert autop("<h2>عنوان</h2>\n\nنص") == "<h2>عنوان</h2>\n<p>نص</p>"
    unknown = []
    assert "wp-shortcode" in expand_shortcodes("[foo bar=1]", unknown) and unknown == ["[foo]"]
