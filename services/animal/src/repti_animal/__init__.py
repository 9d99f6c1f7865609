"""ReptiDex animal service."""
