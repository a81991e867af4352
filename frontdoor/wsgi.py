"""WSGI entry point for a production web server. It refuses the development secret key."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontdoor.settings")
application = get_wsgi_application()

from frontdoor.core.checks import refuse_development_key_in_production  # noqa: E402 - needs the apps loaded

refuse_development_key_in_production()
