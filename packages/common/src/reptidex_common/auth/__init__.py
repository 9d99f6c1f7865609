"""Authentication and authorization shared by all six services."""
