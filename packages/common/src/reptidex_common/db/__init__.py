"""Async database layer: one engine per process, one session per request."""
