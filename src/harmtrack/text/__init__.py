"""From archived bytes to normalized text and metadata (title, date, publisher, language)."""
