import logging
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings")
application = get_wsgi_application()

# Each web process loads the standards engine as it starts, so no reader's first comment waits
# for it. A failure here is logged, never fatal: the engine then loads on first use.
try:
    from masthead.standards.service import warm_up

    warm_up()
except Exception:  # starting the site matters more than warming it
    logging.getLogger("masthead").exception("standards engine warm-up failed")
