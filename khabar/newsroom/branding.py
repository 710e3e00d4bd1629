"""The branded pictures: the one shared on social networks when a page has no picture of its own, and the
site's icons (favicon, home-screen icons listed by the web app manifest): «خ» on the house red.

Drawn with Pillow from the site's own font and colours, not downloaded. The results are committed in
``khabar/static/khabar/img/``; redraw them after a change of name or colours with
``python -m khabar.newsroom.branding``.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

STATIC = Path(__file__).resolve().parent.parent / "static" / "khabar"
OUTPUT = STATIC / "img" / "share-default.png"
ICONS = STATIC / "img"
ICON_SIZES = (192, 512)  # the manifest's icons: icon-192.png, icon-512.png
APPLE_TOUCH, FAVICON_SIZES = 180, (16, 32, 48)
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


def draw_icon(size, letter="خ"):
    image = Image.new("RGB", (size, size), ACCENT)
    font = ImageFont.truetype(str(FONT), int(size * 0.72))
    draw = ImageDraw.Draw(image)
    # Centre the letter's ink, not its line box (Naskh sets letters high in the box).
    left, top, right, bottom = draw.textbbox((0, 0), letter, font=font, direction="rtl")
    draw.text(
        ((size - right - left) / 2, (size - bottom - top) / 2), letter, font=font, fill=PAPER, direction="rtl"
    )
    return image


def draw_icons():
    for size in ICON_SIZES:
        draw_icon(size).save(ICONS / f"icon-{size}.png", "PNG", optimize=True)
    draw_icon(APPLE_TOUCH).save(ICONS / "apple-touch-icon.png", "PNG", optimize=True)
    draw_icon(max(FAVICON_SIZES)).save(ICONS / "favicon.ico", sizes=[(size, size) for size in FAVICON_SIZES])


if __name__ == "__main__":
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    draw_share_image().save(OUTPUT, "PNG", optimize=True)
    draw_icons()
    print(OUTPUT.parent)
