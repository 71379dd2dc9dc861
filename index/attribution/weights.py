"""Reading the small linear models shipped as JSON in index/data (never pickle)."""

from __future__ import annotations

import json
from pathlib import Path


def load_linear_model(path: Path, cutoff_key: str, default_cutoff: float) -> tuple[dict[str, float], float]:
    """(feature weights, cutoff) from a model file; without a readable file, no weights,
    so the rules alone run."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {str(k): float(v) for k, v in data["weights"].items()}, float(data[cutoff_key])
    except (OSError, ValueError, KeyError, TypeError):
        return {}, default_cutoff
