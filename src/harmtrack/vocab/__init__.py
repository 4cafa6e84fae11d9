"""Vocabularies as data files (actors, weapons, target sites, cues, quantity conventions) and their loader."""
