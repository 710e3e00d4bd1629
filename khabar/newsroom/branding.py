"""The branded picture shared on social networks when a page has no picture of its own.

Drawn with Pillow from the site's own font and colours, not downloaded. The result is committed as
``khabar/static/khabar/img/share-default.png``; redraw it after a change of name or colours with
``python -m khabar.newsroom.branding``.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

STATIC = Path(__file__).resolve().parent.parent / "static" / "khabar"
OUTPUT = STATIC / "img" / "share-default.png"
FONT = STATIC / "fonts" / "noto-naskh-arabic-arabic-700-normal.woff2"
ACCENT, PAPER, TINT = (155, 28, 28), (255, 255, 255), (246, 244, 240)
SIZE = (1200, 630)


def draw_share_image(name="خبر", tagline="أخبار العالم بالعربية"):
    image = Image.new("RGB", SIZE, ACCENT)
    draw = ImageDraw.Draw(image)
    width, height = SIZE
    # A band of paper along the bottom, like the masthead's rule.
    draw.rectangle([0, height - 120, width, height], fill=TINT)
    draw.rectangle([0, height - 128, width, height - 120], fill=PAPER)
    title = ImageFont.truetype(str(FONT), 220)
    small = ImageFont.truetype(str(FONT), 54)
    # Arabic needs shaping and right-to-left layout: Pillow does both through libraqm.
    draw.text((width / 2, (height - 128) / 2), name, font=title, fill=PAPER, anchor="mm", direction="rtl")
    draw.text((width / 2, height - 62), tagline, font=small, fill=ACCENT, anchor="mm", direction="rtl")
    return image


if __name__ == "__main__":
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    draw_share_image().save(OUTPUT, "PNG", optimize=True)
    print(OUTPUT)
