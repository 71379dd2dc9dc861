import re
from pathlib import Path

import pytest

from index.config import Config, IndexSettings, SearchSettings, load_config, with_overrides
from index.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]


def test_defaults_without_a_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QUOTEDESK_CONFIG", raising=False)
    c = load_config(None)
    assert c.index.engine == "bm25s" and c.search.top_k == 5


def test_example_config_loads_and_documents_every_setting() -> None:
    c = load_config(ROOT / "config.example.toml")
    assert c.index == IndexSettings() and c.search == SearchSettings()
    text = (ROOT / "config.example.toml").read_text()
    for cls in (IndexSettings, SearchSettings):
        for name in cls.__dataclass_fields__:
            assert re.search(rf"^#?\s*{name}\s*=", text, re.M), f"{name} is not in config.example.toml"


def test_unknown_setting_is_a_one_line_error(tmp_path: Path) -> None:
    p = tmp_path / "c.toml"
    p.write_text("[index]\nengnie = 'bm25s'\n")
    with pytest.raises(ConfigError, match="unknown setting 'engnie'"):
        load_config(p)


def test_wrong_type_and_bad_toml(tmp_path: Path) -> None:
    p = tmp_path / "c.toml"
    p.write_text("[search]\ntop_k = 'five'\n")
    with pytest.raises(ConfigError, match="top_k: expected int"):
        load_config(p)
    p.write_text("[index\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(p)
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "missing.toml")


def test_overrides_beat_the_file() -> None:
    c = with_overrides(Config(), index_dir="x", engine="rank-bm25")
    assert c.index.path == "x" and c.index.engine == "rank-bm25"
    with pytest.raises(ConfigError):
        with_overrides(Config(), engine="lucene")
