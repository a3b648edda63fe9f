#!/usr/bin/env python
"""Developers' entry point; users type `xuncha …` (see xuncha/cli.py)."""

from xuncha.cli import main

if __name__ == "__main__":
    main()
