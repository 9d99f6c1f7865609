"""ReptiDex commerce service."""
