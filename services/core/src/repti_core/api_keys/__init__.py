"""API keys for integrations and the embed widget: create (secret shown once), list, revoke."""
