"""ReptiDex ops service."""
