"""Makes `core.tests` a unique test package name (the code itself lives in src/)."""
