"""Makes the personas of tests/personas.py available to every app's tests."""

pytest_plugins = ["tests.personas"]
