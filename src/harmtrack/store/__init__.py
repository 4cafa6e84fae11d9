"""Persistence: SQLAlchemy tables, migrations, and the repository functions over them."""
