"""Settings: defaults, overridden by a TOML file, overridden by the command line.

Only the sections the index needs are typed here; other sections (the bot's
`[telegram]`, `[bot]`) are kept raw in `Config.raw` for their owners to read.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from index.errors import ConfigError

ENGINES = ("bm25s", "rank-bm25")
DEFAULT_INDEX_DIR = "var/index"


@dataclass(frozen=True, slots=True)
class IndexSettings:
    path: str = DEFAULT_INDEX_DIR
    engine: str = "bm25s"
    keep_generations: int = 3
    workers: int = 0  # 0: one per core
    stemmer: str = "english"  # a PyStemmer algorithm, or "none"
    stopwords: str = "en"  # "en" or "none"
    # Zone for article times written without one (wire date lines); an IANA name.
    timezone: str = "UTC"


@dataclass(frozen=True, slots=True)
class SearchSettings:
    top_k: int = 5
    # A topic answer needs this share of the question's topic words (weighted by
    # rarity) in the quote, its passage or its headline; below it, nothing is shown.
    min_topic_coverage: float = 0.6
    fold_duplicates: bool = True


@dataclass(frozen=True, slots=True)
class Config:
    index: IndexSettings = field(default_factory=IndexSettings)
    search: SearchSettings = field(default_factory=SearchSettings)
    source: str | None = None  # the file it came from
    raw: dict[str, Any] = field(default_factory=dict)

    def section(self, name: str) -> dict[str, Any]:
        value = self.raw.get(name, {})
        return value if isinstance(value, dict) else {}


def _typed_section(cls: type, values: dict[str, Any], where: str) -> Any:
    known = {f.name: f for f in fields(cls)}
    kwargs: dict[str, Any] = {}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(f"{where}: unknown setting {key!r} (known: {', '.join(known)})")
        default = known[key].default
        if default is not None and not isinstance(value, type(default)):
            # ints are acceptable where floats are expected
            if not (isinstance(default, float) and isinstance(value, int)):
                raise ConfigError(
                    f"{where}.{key}: expected {type(default).__name__}, got {value!r}"
                )
        kwargs[key] = value
    return cls(**kwargs)


def load_config(path: str | os.PathLike[str] | None = None) -> Config:
    """Read a config file (or `QUOTEDESK_CONFIG`, or nothing: the defaults)."""
    path = path or os.environ.get("QUOTEDESK_CONFIG")
    if not path:
        return Config()
    p = Path(path)
    try:
        raw = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {p}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file {p}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {p} is not valid TOML: {exc}") from None
    index = _typed_section(IndexSettings, raw.get("index", {}), f"{p} [index]")
    search = _typed_section(SearchSettings, raw.get("search", {}), f"{p} [search]")
    _check_timezone(index.timezone, f"{p} [index].timezone")
    if index.engine not in ENGINES:
        raise ConfigError(f"{p} [index].engine: {index.engine!r} is not one of {ENGINES}")
    return Config(index=index, search=search, source=str(p), raw=raw)


def _check_timezone(name: str, where: str) -> None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{where}: unknown time zone {name!r} (use an IANA name such as \"Asia/Baghdad\" or \"UTC\")") from None


def with_overrides(config: Config, *, index_dir: str | None = None, engine: str | None = None) -> Config:
    """Apply command-line options over the file's settings."""
    settings = config.index
    if index_dir:
        settings = replace(settings, path=index_dir)
    if engine:
        if engine not in ENGINES:
            raise ConfigError(f"--engine {engine!r} is not one of {ENGINES}")
        settings = replace(settings, engine=engine)
    return replace(config, index=settings)
