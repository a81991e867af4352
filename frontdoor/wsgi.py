"""WSGI entry point for a production web server. It refuses the development secret key, and a
database set up for another authority profile."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontdoor.settings")
application = get_wsgi_application()

from frontdoor.core.checks import refuse_another_profile, refuse_development_key_in_production  # noqa: E402 - needs apps

refuse_development_key_in_production()
refuse_another_profile()
