"""ReptiDex core service."""
