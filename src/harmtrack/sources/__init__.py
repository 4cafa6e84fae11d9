"""Acquiring inputs safely: local files and folders, record files, URLs; and the raw-bytes archive."""
