"""The web pages: the public map, incident and document pages, the analysts' review queue."""
