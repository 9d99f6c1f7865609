"""ReptiDex community service."""
