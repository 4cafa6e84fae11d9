"""Scoring extraction against coded data sets (the codebook's matching and field rules)."""
