"""Every write reports itself to the audit log (kept by repti-ops)."""
