"""Reading: any container (file, folder, archive, table, stdin) to `Document`s with decoded text."""

from .limits import DEFAULT_LIMITS, UPLOAD_LIMITS, Limits
from .readers import DEFAULT_MAX_BYTES, iter_bytes, read_bytes, read_paths

__all__ = ["DEFAULT_LIMITS", "DEFAULT_MAX_BYTES", "UPLOAD_LIMITS", "Limits", "iter_bytes", "read_bytes", "read_paths"]
