"""Parent links across vivariums: requests the parent's owner approves, and suspended links."""
