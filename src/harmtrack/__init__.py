"""Harmtrack: conflict reports in, evidence-grade incidents out."""

__version__ = "0.1.0"
