"""Domain events between services: the envelope, the catalogue, emitting, delivery, receiving."""
