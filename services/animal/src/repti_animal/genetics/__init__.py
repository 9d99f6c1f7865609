"""The genetics calculator: offspring outcomes of a pairing, from genotypes or animals."""
