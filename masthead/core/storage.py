"""File storage that never leaves half a file behind.

Django's FileSystemStorage streams an upload into its final path; if the disk fills up (or any
write fails) half-way, the partial file stays there under a name nothing refers to, and the
next save picks a different name around it. Here a failed save removes what it wrote before
the error goes up, so a full disk costs the reader a clear refusal and us nothing to clean.
"""

from __future__ import annotations

import contextlib
import os
from typing import Any

from django.core.files.storage import FileSystemStorage


class AtomicFileSystemStorage(FileSystemStorage):
    def _save(self, name: str, content: Any) -> str:
        path = self.path(name)
        # The parent opens the file with O_EXCL: if it was absent now, a partial one is ours.
        existed = os.path.exists(path)
        try:
            return super()._save(name, content)  # type: ignore[misc]
        except OSError:
            if not existed:
                with contextlib.suppress(OSError):
                    os.remove(path)
            raise
