"""An archive that follows the index directory: a rebuild is picked up without a restart.

`LiveArchive.get()` returns the current `Archive`; at most every `check_every`
seconds it looks at `CURRENT` (one small file read) and, when a new generation
has been switched in, opens it and swaps the reference.  Searches already
running keep the archive object they started with, so none fails mid-flight.
A new generation that cannot be opened is logged and the old one kept.

Opening a generation is cheap, but its speaker lookups (`Archive.speaker_index`)
are built on first use: ~0.5 s at 1M passages.  So a new generation is warmed up
before it is switched in (no user waits for it), and the first one in a background
thread at start-up (a bot's first question usually comes seconds later; one that
comes sooner just waits for the same work).
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
        threading.Thread(target=warm_up, args=(self._archive,), name="archive-warm-up", daemon=True).start()

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
                warm_up(fresh)
            except QuotedeskError as exc:
                self._failed_id = latest
                log.error("new index generation %s not loaded, keeping %s: %s", latest, self._archive.id, exc)
                return False
            previous, self._archive = self._archive, fresh
            log.info("index generation %s loaded (was %s)", fresh.id, previous.id)
            return True


def warm_up(archive: Archive) -> None:
    """Build what an archive makes on first use, so that no question waits for it."""
    try:
        archive.speaker_index  # noqa: B018 - a cached property: building it is the point
    except Exception:  # pragma: no cover - a broken directory shows on the first question
        log.exception("warming up index generation %s failed", archive.id)
