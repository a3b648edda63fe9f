"""The demo world, loaded once per test module that asks for it (tests/demo_world.py)."""

from tests.demo_world import demo_world  # noqa: F401  (the fixture)
