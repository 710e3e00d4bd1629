"""Refresh the guide's pictures (docs/guide/*.png) from the browser tests' screenshots.

    pytest -q tests/browser/test_admin_arabic.py && python tools/guide_pictures.py

Each picture is the desktop screenshot's first screen (the phone one for the login page), scaled to
at most 900 px wide and reduced to a 64-colour palette with Pillow, so the guide stays small.
"""

from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "var" / "screenshots"
PICTURES = ROOT / "docs" / "guide"
# guide picture → (screenshot, height of the part kept, in screenshot pixels)
WANTED = {
    "login.png": ("admin-login-390.png", 760),
    "dashboard.png": ("admin-dashboard-1366.png", 700),
    "inbox.png": ("admin-inbox-1366.png", 500),
    "editor.png": ("admin-editor-1366.png", 900),
    "glossary.png": ("admin-glossary-1366.png", 400),
    "sources.png": ("admin-sources-1366.png", 400),
    "log.png": ("admin-log-1366.png", 500),
}
MAX_WIDTH = 900


def main():
    PICTURES.mkdir(parents=True, exist_ok=True)
    for name, (shot, height) in WANTED.items():
        with Image.open(SHOTS / shot) as image:
            image = image.convert("RGB").crop((0, 0, image.width, min(height, image.height)))
            if image.width > MAX_WIDTH:
                image = image.resize(
                    (MAX_WIDTH, round(image.height * MAX_WIDTH / image.width)), Image.LANCZOS
                )
            image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(PICTURES / name, optimize=True)
        print(f"{name}: {(PICTURES / name).stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
