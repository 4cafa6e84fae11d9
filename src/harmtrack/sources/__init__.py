"""Acquiring inputs safely (files, folders, record files, URLs) and the raw-bytes archive."""
