import gc
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

# What the process holds from here on (the URL conf, the model, the word lists, the language
# model) lives as long as the process. Frozen, the collector's full passes skip it: such a pass
# stopped every thread of the process for 80-89 ms, now 21-25 ms (ARCHITECTURE.md, "What a post
# costs"), and all requests in flight wait through it.
gc.freeze()
