"""The audit log of every write on the platform: appended from events, chained, served."""
