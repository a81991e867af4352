"""The database remembers the profile it was set up with; starting with another gives one message and stops."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from frontdoor.procedures.models import DatabaseProfile
from frontdoor.procedures.setup import profile_mismatch, remember_profile

FRONTDOOR = Path(sys.executable).with_name("frontdoor")


def _env(data_dir: Path, profile: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FRONTDOOR_", "DATABASE_URL", "DJANGO_"))}
    env.update({"FRONTDOOR_DATA_DIR": str(data_dir), "FRONTDOOR_PROFILE": profile}, **extra)
    return env


def _frontdoor(data_dir: Path, profile: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own console script
        [str(FRONTDOOR), *args], env=_env(data_dir, profile), capture_output=True, text=True, timeout=300
    )


@pytest.mark.django_db
def test_migrate_records_the_profile_and_never_overwrites_it(settings) -> None:  # noqa: ANN001
    DatabaseProfile.objects.update_or_create(pk=1, defaults={"key": "cambridgeshire"})
    settings.FRONTDOOR_PROFILE = "kent"
    remember_profile()
    assert DatabaseProfile.objects.get().key == "cambridgeshire"
    message = profile_mismatch()
    assert message is not None
    assert "set up for the cambridgeshire profile" in message
    assert "FRONTDOOR_PROFILE is kent" in message
    assert "FRONTDOOR_DATA_DIR or DATABASE_URL" in message
    settings.FRONTDOOR_PROFILE = "cambridgeshire"
    assert profile_mismatch() is None


def test_starting_with_another_profile_stops_with_one_message_naming_both(tmp_path: Path) -> None:
    set_up = _frontdoor(tmp_path, "cambridgeshire", "migrate", "--noinput", "-v", "0")
    assert set_up.returncode == 0, set_up.stderr[-2000:]

    for args in (["check"], ["demo-data", "--size", "small"], ["migrate", "--noinput"]):
        refused = _frontdoor(tmp_path, "kent", *args)
        assert refused.returncode != 0, args
        assert refused.stderr.strip().count("\n") == 0, refused.stderr  # one message, no traceback
        assert "This database was set up for the cambridgeshire profile" in refused.stderr
        assert "FRONTDOOR_PROFILE is kent" in refused.stderr

    started = _frontdoor(tmp_path, "cambridgeshire", "check")
    assert started.returncode == 0, started.stderr[-2000:]
    assert "no issues" in started.stdout
    # A command that needs no database still runs.
    assert _frontdoor(tmp_path, "kent", "profile", "check").returncode == 0


def test_the_production_server_refuses_a_database_set_up_for_another_profile(tmp_path: Path) -> None:
    assert _frontdoor(tmp_path, "leeds", "migrate", "--noinput", "-v", "0").returncode == 0
    key = {"FRONTDOOR_SECRET_KEY": "k" * 60}
    code = "import frontdoor.wsgi"
    refused = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=_env(tmp_path, "mash", **key), capture_output=True, text=True, timeout=120
    )
    assert refused.returncode != 0
    assert "This database was set up for the leeds profile" in refused.stderr
    assert "FRONTDOOR_PROFILE is mash" in refused.stderr
    started = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=_env(tmp_path, "leeds", **key), capture_output=True, text=True, timeout=120
    )
    assert started.returncode == 0, started.stderr[-2000:]
