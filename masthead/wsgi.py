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

# The URL conf imports every view, the JSON API and its schemas (tens of thousands of objects):
# Django would do it on the first request, after the freeze below.
try:
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - the import is the point
except Exception:  # the first request raises it again, with a page for the error
    logging.getLogger("masthead").exception("loading the URL conf failed")

# What the process holds from here on (the URL conf, the model, the word lists, the language
# model) lives as long as the process. Frozen, the collector's full passes skip it: such a pass
# stopped every thread of the process for 80-89 ms, then 21-25 ms with only the engine frozen,
# and 0.3 ms with the URL conf and the language model frozen too (ARCHITECTURE.md, "What a post
# costs"); all requests in flight wait through it.
gc.freeze()
