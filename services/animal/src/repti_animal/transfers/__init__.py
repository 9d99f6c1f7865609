"""Transfers of animals between vivariums, and leases (breeding loans)."""
