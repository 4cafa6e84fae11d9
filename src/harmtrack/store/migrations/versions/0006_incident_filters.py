"""indexes for the web door's incident filters

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 07:55:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Each filter of the incident lists: its value, then live (merged_into NULL), then date order.
_PLAIN = {
    "ix_incidents_live": ["merged_into", "date"],
    "ix_incidents_perpetrator": ["perpetrator", "merged_into", "date"],
    "ix_incidents_grade": ["grade", "merged_into", "date"],
    "ix_incidents_status": ["status", "merged_into", "date"],
    "ix_incidents_killed_best": ["killed_best", "merged_into"],
    "ix_incidents_event_type": ["event_type", "merged_into"],  # DISTINCT for filter menus
    "ix_incidents_sub_event_type": ["sub_event_type", "merged_into"],
}
_LOWER = ("event_type", "sub_event_type", "admin1")


def upgrade() -> None:
    op.drop_index("ix_incidents_country_date", "incidents")
    op.create_index("ix_incidents_country_date", "incidents", ["country", "merged_into", "date"])
    for name, columns in _PLAIN.items():
        op.create_index(name, "incidents", columns)
    for column in _LOWER:
        op.create_index(
            f"ix_incidents_{column}_lower",
            "incidents",
            [sa.text(f"lower({column})"), "merged_into", "date"],
        )
    # The planner needs the indexes' statistics to choose between them (a second on 1M rows).
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ANALYZE incidents")


def downgrade() -> None:
    for column in _LOWER:
        op.drop_index(f"ix_incidents_{column}_lower", "incidents")
    for name in _PLAIN:
        op.drop_index(name, "incidents")
    op.drop_index("ix_incidents_country_date", "incidents")
    op.create_index("ix_incidents_country_date", "incidents", ["country", "date"])
