"""Places: the gazetteer, toponym resolution and zones."""
