"""One typed settings object: where data lives and the limits ingest works within."""

from __future__ import annotations

from pathlib import Path

import platformdirs
from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_home() -> Path:
    """The user data directory (``~/.local/share/harmtrack`` on Linux)."""
    return Path(platformdirs.user_data_dir("harmtrack", appauthor=False))


class Settings(BaseSettings):
    """Settings from ``HARMTRACK_*`` environment variables, overridable by CLI options."""

    model_config = SettingsConfigDict(env_prefix="HARMTRACK_", extra="forbid")

    home: Path = Field(default_factory=default_home)
    database_url: str | None = None  # default: SQLite file inside ``home``
    max_bytes: int = Field(default=20 * 1024 * 1024, gt=0)
    connect_timeout: float = Field(default=10.0, gt=0)
    read_timeout: float = Field(default=30.0, gt=0)
    total_timeout: float = Field(default=120.0, gt=0)
    max_redirects: int = Field(default=5, ge=0)
    allow_private: bool = False
    # The web door (harmtrack serve): an online tile layer for the map (a Leaflet URL template
    # such as https://tile.openstreetmap.org/{z}/{x}/{y}.png; none: country outlines only), and
    # how long a sign-in lasts.
    tile_url: str | None = None
    session_hours: float = Field(default=12.0, gt=0)

    @model_validator(mode="after")
    def _expand_home(self) -> Settings:
        self.home = self.home.expanduser()
        return self

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.home / 'harmtrack.db'}"

    @property
    def archive_dir(self) -> Path:
        return self.home / "archive"
