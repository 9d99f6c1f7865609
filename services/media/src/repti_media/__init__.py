"""ReptiDex media service."""
