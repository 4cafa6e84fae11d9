"""Matching claims into incidents and consolidating their figures."""
