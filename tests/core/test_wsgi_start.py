"""The web process as granian starts it: masthead.wsgi imported in a fresh interpreter."""

from .test_settings_startup import run_python


def test_the_web_process_freezes_what_it_loaded_at_start(tmp_path):
    result = run_python(
        "import gc, sys, masthead.wsgi, masthead.standards.service as s; "
        "from masthead.standards.checks import language; "
        "print(gc.get_freeze_count(), s.engine_config().model is not None, "
        "language._identifier is not None, 'masthead.discussion.api' in sys.modules)",
        DEBUG="true",
        MASTHEAD_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    frozen, warmed, detector, api = result.stdout.split()
    # The engine, the language model and the URL conf (every view, the API and its schemas)
    # were loaded before the freeze, so their objects are among the frozen ones: left to the
    # collector's full passes, they made each one stop the process for about 24 ms.
    assert (warmed, detector, api) == ("True", "True", "True")
    assert int(frozen) > 100_000
