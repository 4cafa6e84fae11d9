"""Extraction of event and statement claims from a document's text, each field with its evidence."""
