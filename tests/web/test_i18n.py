from pathlib import Path

import polib
import pytest

import xuncha

LOCALE = Path(xuncha.__file__).parent / "locale"


@pytest.mark.parametrize("locale", ["zh_Hans", "en"])
def test_catalogue_is_complete(locale):
    catalogue = polib.pofile(str(LOCALE / locale / "LC_MESSAGES" / "django.po"))
    assert len(catalogue) > 100
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []


def test_every_translatable_string_is_in_the_catalogue(tmp_path):
    """Extract with xgettext (GNU gettext) and compare; skipped visibly where it is missing."""
    import shutil
    import subprocess

    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext (xgettext) is not installed; catalogue extraction not checked")
    root = Path(xuncha.__file__).parent.parent
    work = tmp_path / "src"
    shutil.copytree(root / "xuncha", work / "xuncha", ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
    subprocess.run(
        [str(root / ".venv" / "bin" / "django-admin"), "makemessages", "-l", "zh_Hans", "--no-obsolete"],
        cwd=work / "xuncha",
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "xuncha.settings", "PYTHONPATH": str(work)},
    )
    fresh = polib.pofile(str(work / "xuncha" / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    # a new message msgmerge guessed from a similar one is fuzzy: as untranslated as an empty one
    missing = [e.msgid for e in fresh if e.fuzzy or (not e.msgstr and not e.msgstr_plural.get(0))]
    assert missing == [], f"run `make messages` and translate: {missing[:10]}"


@pytest.mark.django_db
def test_chinese_is_the_default_and_english_is_available(client):
    assert "登录" in client.get("/login/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    assert "Log in to your account" in client.get("/login/").content.decode()


@pytest.mark.django_db
def test_a_browser_asking_for_english_still_gets_chinese_until_english_is_chosen(client):
    english_browser = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
    assert "登录" in client.get("/login/", **english_browser).content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/login/"}, **english_browser)
    assert "Log in to your account" in client.get("/login/", **english_browser).content.decode()
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/login/"})
    assert "登录" in client.get("/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
