"""Feature flags: staff manage them, every signed-in caller can evaluate them."""
