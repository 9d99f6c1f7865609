"""ReptiDex local gateway."""
