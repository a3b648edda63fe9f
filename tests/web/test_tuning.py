import gc

from xuncha.web.tuning import YOUNG_THRESHOLD, tune_gc


def test_tune_gc_freezes_startup_objects_and_raises_the_young_threshold():
    before = gc.get_threshold()
    try:
        tune_gc()
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def test_the_production_application_is_tuned():
    import subprocess
    import sys

    code = "import xuncha.wsgi, gc; print(gc.get_threshold()[0], gc.get_freeze_count() > 0)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == [str(YOUNG_THRESHOLD), "True"], result.stderr
