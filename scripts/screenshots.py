"""Screenshots of the main pages, for docs/screenshots/ and the README tour.

Sets up a fresh database in a temporary directory, loads the demo data (`frontdoor demo-data --size
small`), starts the real server and signs in as each role in Debian's Chromium (Playwright, as the
browser tests do), saving a PNG 1280 pixels wide of each page. `make screenshots` runs it;
`.venv/bin/python scripts/screenshots.py --profile kent --out DIR` for another profile or folder.
PNGs are optimised with pngquant or optipng when either is installed.
"""

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FRONTDOOR = Path(sys.executable).with_name("frontdoor")
PASSWORD = "frontdoor-demo-2026"  # noqa: S105 - the demo's shared password (frontdoor.demo.loader)
WIDTH, HEIGHT, MAX_HEIGHT = 1280, 900, 2600
LANDINGS = (
    "information_officer",
    "duty_social_worker",
    "team_manager",
    "head_of_service",
    "mash_partner",
    "business_support",
    "performance_analyst",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - our own local server
                return
        except urllib.error.HTTPError:
            return  # the server answers
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"The server did not start at {url}")


def _records(env: dict[str, str]) -> dict[str, str]:
    """References of the demo contacts to show, read from the database the server uses."""
    os.environ.update(env, DJANGO_SETTINGS_MODULE="frontdoor.settings")
    import django

    django.setup()
    from frontdoor.contacts.models import Contact, ContactPerson

    ordinary = Contact.objects.exclude(people__person__restricted=True).order_by("-received_at")
    screening = ordinary.filter(status="screening", agency_checks__isnull=False).first() or ordinary.first()
    awaiting = ordinary.filter(status="awaiting_decision").first() or ordinary.first()
    if screening is None or awaiting is None:
        raise SystemExit("The demo data has no contacts to show.")
    child = ContactPerson.objects.filter(contact=screening, role="subject").select_related("person").first()
    person = child.person if child else None
    return {
        "contact": screening.reference,
        "decision": awaiting.reference,
        "given": person.given_names if person else "",
        "family": person.family_name if person else "",
    }


def _shots(records: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    """Per user: (file name, path) of each page, in the order the README tour shows them."""
    people = f"/people/?given_names={records['given']}&family_name={records['family']}"
    shots: dict[str, list[tuple[str, str]]] = {role: [(f"landing-{role.replace('_', '-')}", "/")] for role in LANDINGS}
    shots["information_officer"] += [("contact-form", "/contacts/new/"), ("person-search", people)]
    shots["duty_social_worker"] += [
        ("queue", "/contacts/?queue=duty"),
        ("contact", f"/contacts/{records['contact']}/"),
        ("screening", f"/contacts/{records['contact']}/screening/"),
    ]
    shots["team_manager"] += [("decision", f"/contacts/{records['decision']}/decide/")]
    return shots


def _optimise(files: list[Path]) -> None:
    if shutil.which("pngquant"):
        for f in files:
            subprocess.run(  # noqa: S603
                ["pngquant", "--force", "--skip-if-larger", "--quality", "70-95", "--output", str(f), str(f)],  # noqa: S607
                check=False,
            )
    elif shutil.which("optipng"):
        subprocess.run(["optipng", "-quiet", "-o2", *map(str, files)], check=False)  # noqa: S603, S607


def _capture(base: str, shots: dict[str, list[tuple[str, str]]], out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    from frontdoor.browser_tests.conftest import ARGS, sign_in

    saved = []
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True, args=ARGS)
        for username, pages in shots.items():
            context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale="en-GB")
            page = context.new_page()
            page.set_default_timeout(30_000)
            sign_in(page, base, username, PASSWORD)
            for name, path in pages:
                page.goto(base + path)
                height = min(MAX_HEIGHT, int(page.evaluate("document.documentElement.scrollHeight")))
                target = out / f"{name}.png"
                clip: Any = {"x": 0, "y": 0, "width": WIDTH, "height": max(height, HEIGHT)}
                page.screenshot(path=str(target), full_page=True, clip=clip)
                saved.append(target)
                print(f"  {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
            context.close()
        browser.close()
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="cambridgeshire", help="the authority profile (default cambridgeshire)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots", help="where the PNGs go")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="frontdoor-screenshots-") as data_dir:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("FRONTDOOR_", "DATABASE_URL"))}
        env.update(FRONTDOOR_DATA_DIR=data_dir, FRONTDOOR_PROFILE=args.profile, FRONTDOOR_DEBUG="1")
        env.update(FRONTDOOR_TWO_FACTOR_OPTIONAL="1")  # as `make demo`: the demo users have no authenticator
        for command in (["migrate", "--noinput", "-v", "0"], ["demo-data", "--size", "small"]):
            subprocess.run([str(FRONTDOOR), *command], env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
        port = _free_port()
        server = subprocess.Popen(  # noqa: S603
            [str(FRONTDOOR), "runserver", f"127.0.0.1:{port}", "--noreload"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_for(f"{base}/accounts/sign-in/")
            saved = _capture(base, _shots(_records(env)), args.out)
        finally:
            server.terminate()
            server.wait(timeout=30)
    _optimise(saved)
    print(f"{len(saved)} screenshots in {args.out}")


if __name__ == "__main__":
    main()
