"""`FRONTDOOR_PROFILE=<name> frontdoor migrate` then `frontdoor demo-data` works on a fresh database
for every shipped profile, and prints the sign-in address, each login and the shared password."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from frontdoor.accounts.models import Role
from frontdoor.demo.loader import DEMO_PASSWORD
from frontdoor.procedures.loader import SHIPPED

FRONTDOOR = Path(sys.executable).with_name("frontdoor")


@pytest.mark.parametrize("profile", SHIPPED)
def test_migrate_then_demo_data_on_a_fresh_database(profile: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FRONTDOOR_", "DATABASE_URL", "DJANGO_"))}
    env.update(FRONTDOOR_DATA_DIR=str(tmp_path), FRONTDOOR_PROFILE=profile)
    for args in (["migrate", "--noinput", "-v", "0"], ["demo-data", "--size", "small"]):
        run = subprocess.run(  # noqa: S603 - our own console script
            [str(FRONTDOOR), *args], env=env, capture_output=True, text=True, timeout=300
        )
        assert run.returncode == 0, (args, run.stderr[-3000:])
    out = run.stdout
    assert "Demo data loaded" in out
    assert "http://127.0.0.1:8000" in out
    assert DEMO_PASSWORD in out
    for role in Role:
        assert role.value in out
