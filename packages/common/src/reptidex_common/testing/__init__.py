"""Pytest plugin shared by every service's tests."""
