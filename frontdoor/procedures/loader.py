"""Loading and validating the active authority profile (chosen by FRONTDOOR_PROFILE)."""

import functools
import tomllib
from pathlib import Path

from pydantic import ValidationError

from .schema import Profile

PROFILES_DIR = Path(__file__).resolve().parent / "profiles"
SHIPPED = ("kent", "leeds", "cambridgeshire", "mash")


class ProfileError(Exception):
    pass


def _path_for(name_or_path: str) -> Path:
    if name_or_path.endswith(".toml") or "/" in name_or_path:
        return Path(name_or_path)
    return PROFILES_DIR / f"{name_or_path}.toml"


def load_profile(name_or_path: str) -> Profile:
    path = _path_for(name_or_path)
    label = f"Profile '{path.name}'"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProfileError(f"{label}: no such file {path}; shipped profiles: {', '.join(SHIPPED)}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ProfileError(f"{label}: not valid TOML: {error}") from None
    try:
        return Profile.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(
            f"{' -> '.join(str(p) for p in e['loc']) or '(profile)'}: {e['msg']}" for e in error.errors()
        )
        raise ProfileError(f"{label}: {problems}") from None


@functools.cache
def _cached(name_or_path: str) -> Profile:
    return load_profile(name_or_path)


def get_profile() -> Profile:
    from django.conf import settings

    return _cached(getattr(settings, "FRONTDOOR_PROFILE", "cambridgeshire"))


def clear_profile_cache() -> None:
    _cached.cache_clear()
