"""The JSON API under /api/v1 (FastAPI): incidents, documents, sources, statements, zones,
review actions and exports, one error shape; ``create_app`` also mounts the web pages."""
