"""`frontdoor profile check`: a council sees what its profile sets, without a database (R-TIME-1)."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from frontdoor.procedures.loader import PROFILES_DIR


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("profile", "check", *args, stdout=out)
    return out.getvalue()


def test_r_dec_3_profile_check_red_friday_afternoon_is_due_that_evening_and_passes_out_of_hours() -> None:
    out = run("cambridgeshire", "--rating", "red", "--received", "2026-11-27T16:00")
    assert out.splitlines() == [
        "due: 2026-11-27T20:00:00+00:00",
        "out-of-hours: 2026-11-27T17:00:00+00:00 Emergency Duty Team",
    ]


def test_r_dec_3_profile_check_amber_is_24_clock_hours_and_stays_with_the_office() -> None:
    out = run("cambridgeshire", "--rating", "amber", "--received", "2026-11-27T16:00")
    assert out.splitlines() == ["due: 2026-11-28T16:00:00+00:00"]


def test_r_time_1_profile_check_keeps_an_offset_given_on_the_command_line() -> None:
    out = run("kent", "--rating", "immediate", "--received", "2026-07-01T10:00+01:00")
    assert out.splitlines() == ["due: 2026-07-01T12:00:00+01:00"]


def test_r_time_1_profile_check_summary_shows_each_clock_and_the_sample_arrivals() -> None:
    out = run("mash")
    assert "Decision on the level of response: within 24 hours" in out
    assert "Decision on a referral's disposal: within 1 working day" in out
    assert "immediate: Immediate, action within 2 hours" in out
    for sample in ("Weekday morning", "Weekday evening", "Friday evening", "Day before a bank holiday"):
        assert sample in out
    assert "out of hours to Emergency Duty Team at 2026-11-27T18:00:00+00:00" in out


def test_r_time_1_profile_check_names_the_keys_of_an_unknown_rating() -> None:
    with pytest.raises(CommandError, match="no rating 'purple'; its ratings are: blue, green, amber, red"):
        run("cambridgeshire", "--rating", "purple", "--received", "2026-11-27T16:00")


def test_r_time_1_profile_check_reports_the_loaders_message(tmp_path: Path) -> None:
    text = (PROFILES_DIR / "cambridgeshire.toml").read_text()
    bad = tmp_path / "ours.toml"
    bad.write_text(text.replace('amount = 4, unit = "hours"', 'amount = 30, unit = "hours"'))
    with pytest.raises(CommandError, match="'red' is listed after 'amber'"):
        run(str(bad))


def test_r_time_1_profile_check_runs_from_the_installed_command_without_a_database(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "FRONTDOOR_", "DJANGO_"))}
    env["FRONTDOOR_DATA_DIR"] = str(tmp_path)
    command = Path(sys.executable).parent / "frontdoor"
    args = [str(command), "profile", "check", "cambridgeshire", "--rating", "red", "--received", "2026-11-27T19:30"]
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False, timeout=60)  # noqa: S603
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "due: 2026-11-27T23:30:00+00:00",
        "out-of-hours: 2026-11-27T19:30:00+00:00 Emergency Duty Team",
    ]
    assert not list(tmp_path.glob("*.sqlite3"))
    bad = subprocess.run(  # noqa: S603
        [*args[:4], "--rating", "scarlet", "--received", "2026-11-27T19:30"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert bad.returncode != 0
    assert "its ratings are: blue, green, amber, red" in bad.stderr
