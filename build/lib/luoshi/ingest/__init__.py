"""Reading: any container (file, folder, archive, table, stdin) to `Document`s with decoded text."""

from .readers import DEFAULT_MAX_BYTES, read_bytes, read_paths

__all__ = ["DEFAULT_MAX_BYTES", "read_bytes", "read_paths"]
