"""Celery app factory and the transactional outbox."""
