"""CSV import and CSV/JSON export of a vivarium's whole collection (no lock-in)."""
