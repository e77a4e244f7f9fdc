"""The web process as granian starts it: masthead.wsgi imported in a fresh interpreter."""

from .test_settings_startup import run_python


def test_the_web_process_freezes_what_it_loaded_at_start(tmp_path):
    result = run_python(
        "import gc, masthead.wsgi, masthead.standards.service as s; "
        "print(gc.get_freeze_count(), s.engine_config().model is not None)",
        DEBUG="true",
        MASTHEAD_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    frozen, warmed = result.stdout.split()
    # The engine was loaded before the freeze, so its objects are among the frozen ones.
    assert warmed == "True"
    assert int(frozen) > 50_000
