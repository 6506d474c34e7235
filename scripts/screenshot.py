"""Save a screenshot of an HTML report with Chromium.

Usage: python scripts/screenshot.py REPORT.html OUT.png [--width 1400] [--full-page]

Uses Playwright driving the system Chromium (``/usr/bin/chromium`` or $STORYLENS_CHROMIUM).
The page is loaded from a local file with networking disabled. Exits non-zero with one
clear line when Chromium or the input file is missing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-sync",
    "--no-first-run",
    "--metrics-recording-only",
]


def _executable(path: str) -> bool:
    return Path(path).is_file() and os.access(path, os.X_OK)


def find_chromium() -> str | None:
    """The Chromium executable: $STORYLENS_CHROMIUM if set, else /usr/bin/chromium or PATH."""
    chosen = os.environ.get("STORYLENS_CHROMIUM")
    if chosen:
        return chosen if _executable(chosen) else None
    if _executable("/usr/bin/chromium"):
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


def screenshot(html: Path, png: Path, *, width: int = 1400, full_page: bool = False) -> None:
    from playwright.sync_api import sync_playwright

    chromium = find_chromium()
    if chromium is None:
        raise FileNotFoundError("chromium not found (install it: apt-get install chromium)")
    png.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": 1000})
            # a report never fetches anything; refuse any request other than the file itself
            page.route("**/*", _only_file)
            page.goto(html.resolve().as_uri())
            page.screenshot(path=str(png), full_page=full_page)
        finally:
            browser.close()


def _only_file(route: object) -> None:
    req = route.request  # type: ignore[attr-defined]
    if req.url.startswith("file://"):
        route.continue_()  # type: ignore[attr-defined]
    else:
        route.abort()  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Screenshot an HTML report with Chromium.")
    parser.add_argument("html", type=Path, help="the report HTML file")
    parser.add_argument("png", type=Path, help="where to write the PNG")
    parser.add_argument("--width", type=int, default=1400, help="viewport width in pixels")
    parser.add_argument("--full-page", action="store_true", help="capture the whole page")
    args = parser.parse_args(argv)
    if not args.html.is_file():
        print(f"error: {args.html}: no such file", file=sys.stderr)
        return 2
    if find_chromium() is None:
        print(
            "error: chromium not found at /usr/bin/chromium or on PATH "
            "(install it: apt-get install chromium, or set STORYLENS_CHROMIUM)",
            file=sys.stderr,
        )
        return 3
    try:
        screenshot(args.html, args.png, width=args.width, full_page=args.full_page)
    except Exception as exc:  # report the browser failure in one line, never a traceback
        print(f"error: {args.html}: screenshot failed: {exc}".splitlines()[0], file=sys.stderr)
        return 1
    print(f"wrote {args.png}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
