"""Loaded by pytest before the settings (`-p` in pyproject.toml). The test client and the live server
speak plain HTTP, so the redirect to HTTPS is off for tests, and so is the idle sign-out (below).
Cookies stay Secure, as in production; two-factor sign-in stays required (conftest.py signs the test
users' sessions in with a device)."""

import os

os.environ.setdefault("FRONTDOOR_SSL_REDIRECT", "0")
# Tests move the clock by days (time_machine): the idle sign-out is tested on its own, with its setting
# overridden (frontdoor/accounts/tests/test_idle.py, frontdoor/browser_tests/test_sign_in_security.py).
os.environ.setdefault("FRONTDOOR_IDLE_MINUTES", "0")
