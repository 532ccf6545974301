"""Where Cockpit keeps things, from platformdirs unless overridden."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import PlatformDirs

APP = "cockpit"
ENV_DATA_DIR = "COCKPIT_DATA_DIR"


@dataclass(frozen=True)
class Paths:
    data: Path
    config: Path
    cache: Path
    logs: Path

    @property
    def backups(self) -> Path:
        return self.data / "backups"

    def as_rows(self) -> list[tuple[str, Path]]:
        return [
            ("data", self.data),
            ("config", self.config),
            ("cache", self.cache),
            ("backups", self.backups),
            ("logs", self.logs),
        ]


def resolve(data_dir: str | os.PathLike[str] | None = None) -> Paths:
    """--data-dir wins, then COCKPIT_DATA_DIR, then platformdirs.

    An explicit data dir keeps everything beside it, so tests and demos never
    touch the user's real folders.
    """
    chosen = data_dir or os.environ.get(ENV_DATA_DIR)
    if chosen:
        root = Path(chosen).expanduser().resolve()
        return Paths(data=root, config=root / "config", cache=root / "cache", logs=root / "logs")
    dirs = PlatformDirs(APP, appauthor=False)
    return Paths(
        data=Path(dirs.user_data_dir),
        config=Path(dirs.user_config_dir),
        cache=Path(dirs.user_cache_dir),
        logs=Path(dirs.user_log_dir),
    )
