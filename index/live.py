"""An archive that follows the index directory: a rebuild is picked up without a restart.

`LiveArchive.get()` returns the current `Archive`; at most every `check_every`
seconds it looks at `CURRENT` (one small file read) and, when a new generation
has been switched in, opens it and swaps the reference.  Searches already
running keep the archive object they started with, so none fails mid-flight.
A new generation that cannot be opened is logged and the old one kept.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from index.archive import Archive
from index.errors import QuotedeskError
from index.store import current_generation_id

log = logging.getLogger(__name__)


class LiveArchive:
    def __init__(self, index_dir: str | Path, *, check_every: float = 2.0) -> None:
        self.index_dir = Path(index_dir)
        self.check_every = check_every
        self._lock = threading.Lock()
        self._archive = Archive.open(self.index_dir)
        self._checked = time.monotonic()
        self._failed_id: str | None = None

    def get(self) -> Archive:
        now = time.monotonic()
        if now - self._checked >= self.check_every:
            self._checked = now
            self.refresh()
        return self._archive

    def refresh(self) -> bool:
        """Switch to a newer generation if there is one; True when switched."""
        latest = current_generation_id(self.index_dir)
        if latest is None or latest == self._archive.id or latest == self._failed_id:
            return False
        with self._lock:
            if latest == self._archive.id:
                return False
            try:
                fresh = Archive.open(self.index_dir)
            except QuotedeskError as exc:
                self._failed_id = latest
                log.error("new index generation %s not loaded, keeping %s: %s", latest, self._archive.id, exc)
                return False
            log.info("index generation %s loaded (was %s)", fresh.id, self._archive.id)
            self._archive = fresh
            return True
