"""Breeding: pairings, clutches, hatching and hatch-rate statistics."""
