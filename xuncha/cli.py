"""The `xuncha` command: Django's management commands under the product's own name.

`xuncha serve`, `xuncha demo`, `xuncha report parse FILE` and every Django command
(`xuncha migrate`, `xuncha check --deploy`) run through here.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xuncha.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv if argv is None else argv)
    argv[0] = "xuncha"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
