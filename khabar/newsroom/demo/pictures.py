"""Pictures for the demo newsroom, drawn with Pillow: abstract portraits and scenes, no text.

Drawn at load time from a seed, so the repository holds no binary files and
every run draws the same picture.

Licence: these drawings are the project's own work, made by the code in this file, and are
under the same terms as the rest of the repository; no third-party picture is used.
"""

import hashlib
import io
import math
import random

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFilter


def _rgb(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _seeded(key):
    return random.Random(int(hashlib.sha256(key.encode()).hexdigest()[:12], 16))


def _gradient(size, top, bottom):
    width, height = size
    image = Image.new("RGB", size, top)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        draw.line([(0, y), (width, y)], fill=_mix(top, bottom, y / max(1, height - 1)))
    return image


def _canvas(key, palette, size, lighten):
    """(seeded random, colours, image, draw) for a picture on a sky gradient of ``palette[0]``."""
    colours = [_rgb(c) for c in palette]
    image = _gradient(size, _mix(colours[0], (255, 255, 255), lighten), colours[0])
    return _seeded(key), colours, image, ImageDraw.Draw(image)


def _as_file(image, name):
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    buffer.seek(0)
    return ImageFile(buffer, name=name)


def portrait(key, palette, size=400):
    """A head-and-shoulders silhouette on a soft gradient: ``palette`` is (clothes, skin, background)."""
    rnd = _seeded(key)
    clothes, skin, background = (_rgb(c) for c in palette)
    image = _gradient((size, size), _mix(background, (255, 255, 255), 0.35), background)
    draw = ImageDraw.Draw(image)
    s = size / 400
    # A few soft circles behind the sitter, different for each person.
    for _ in range(3):
        r = rnd.randint(60, 140) * s
        x, y = rnd.uniform(0, size), rnd.uniform(0, size * 0.6)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=_mix(background, clothes, rnd.uniform(0.08, 0.2)))
    cx = size / 2 + rnd.uniform(-12, 12) * s
    draw.ellipse([cx - 150 * s, 280 * s, cx + 150 * s, 520 * s], fill=clothes)  # shoulders
    draw.rectangle([cx - 28 * s, 230 * s, cx + 28 * s, 300 * s], fill=_mix(skin, clothes, 0.15))  # neck
    head = 78 * s + rnd.uniform(-6, 6) * s
    top = 110 * s
    hair = _mix(clothes, (30, 24, 20), 0.6)
    if rnd.random() < 0.5:  # a head covering or long hair framing the face
        draw.ellipse(
            [cx - head - 22 * s, top - 26 * s, cx + head + 22 * s, top + 2 * head + 40 * s], fill=hair
        )
    else:
        draw.ellipse([cx - head - 4 * s, top - 14 * s, cx + head + 4 * s, top + head * 1.3], fill=hair)
    draw.ellipse([cx - head, top, cx + head, top + 2 * head + 12 * s], fill=skin)
    return image.filter(ImageFilter.SMOOTH)


def scene(key, palette, size=(1200, 800)):
    """A landscape of layered hills under a sky, with a sun: ``palette`` is (sky, …hills)."""
    rnd, colours, image, draw = _canvas(key, palette, size, 0.4)
    width, height = size
    r = height * 0.09
    sx, sy = rnd.uniform(width * 0.15, width * 0.85), rnd.uniform(height * 0.12, height * 0.3)
    draw.ellipse([sx - r, sy - r, sx + r, sy + r], fill=_mix(colours[0], (255, 236, 179), 0.8))
    layers = colours[1:]
    for n, colour in enumerate(layers):
        base = height * (0.45 + 0.5 * n / len(layers))
        waves = [(rnd.uniform(0.02, 0.06) * height, rnd.uniform(1, 4), rnd.uniform(0, 6.3)) for _ in range(3)]
        points = [(0, height)]
        for i in range(121):
            x = width * i / 120
            points.append((x, base + sum(a * math.sin(f * math.tau * x / width + p) for a, f, p in waves)))
        points.append((width, height))
        draw.polygon(points, fill=colour)
    return image.filter(ImageFilter.SMOOTH)


def city(key, palette, size=(1200, 800)):
    """A skyline of blocks with lit windows: ``palette`` is (sky, …buildings)."""
    rnd, colours, image, draw = _canvas(key, palette, size, 0.5)
    width, height = size
    for n, colour in enumerate(colours[1:]):
        x = rnd.uniform(-80, 0)
        while x < width:
            w = rnd.uniform(70, 190)
            top = height * rnd.uniform(0.25 + 0.12 * n, 0.55 + 0.12 * n)
            draw.rectangle([x, top, x + w, height], fill=colour)
            window = _mix(colour, (255, 230, 160), 0.45)
            for wy in range(int(top) + 18, height - 20, 34):
                for wx in range(int(x) + 12, int(x + w) - 18, 28):
                    if rnd.random() < 0.35:
                        draw.rectangle([wx, wy, wx + 10, wy + 14], fill=window)
            x += w + rnd.uniform(4, 30)
    return image.filter(ImageFilter.SMOOTH)


def sea(key, palette, size=(1200, 800)):
    """Sea to the horizon with a shore in front: ``palette`` is (sky, water, deep water, sand)."""
    rnd, (_sky, water, deep, sand), image, draw = _canvas(key, palette, size, 0.5)
    width, height = size
    horizon = height * rnd.uniform(0.38, 0.48)
    for y in range(int(horizon), height):
        draw.line([(0, y), (width, y)], fill=_mix(water, deep, (y - horizon) / (height - horizon)))
    for _ in range(40):  # glints on the water
        x, y = rnd.uniform(0, width), rnd.uniform(horizon + 10, height * 0.8)
        draw.line([(x, y), (x + rnd.uniform(20, 60), y)], fill=_mix(water, (255, 255, 255), 0.6), width=2)
    points = [(0, height)]
    for i in range(61):
        x = width * i / 60
        points.append((x, height * 0.82 + 30 * math.sin(x / width * math.tau + rnd.uniform(0, 0.2))))
    points.append((width, height))
    draw.polygon(points, fill=sand)
    return image.filter(ImageFilter.SMOOTH)


def night(key, palette, size=(1200, 800)):
    """A starry sky over dark hills: ``palette`` is (sky, …hills)."""
    rnd = _seeded(key)
    image = scene(key, palette, size)
    draw = ImageDraw.Draw(image)
    width, height = size
    for _ in range(400):
        x, y, r = rnd.uniform(0, width), rnd.uniform(0, height * 0.5), rnd.choice((1, 1, 1, 2))
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(255, 255, 255))
    return image


DRAWINGS = {"scene": scene, "city": city, "sea": sea, "night": night}


def portrait_file(key, palette):
    return _as_file(portrait(key, palette), f"author-{key}.png")


def image_file(key, palette, kind="scene"):
    return _as_file(DRAWINGS[kind](key, palette), f"demo-{key}.png")
