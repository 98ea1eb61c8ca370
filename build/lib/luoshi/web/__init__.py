"""The web app: read, check and compare reports in a browser (`luoshi serve`)."""

from .app import create_app

__all__ = ["create_app"]
