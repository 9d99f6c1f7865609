"""The plan catalogue, a vivarium's plan and entitlements, and staff changes to them."""
