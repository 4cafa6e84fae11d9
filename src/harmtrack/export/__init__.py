"""Exports of incidents: JSON lines, CSV and GeoJSON, written a batch at a time."""
