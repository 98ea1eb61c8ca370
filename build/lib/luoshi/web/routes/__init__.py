"""One small module per page; each defines `router`."""

from __future__ import annotations

from . import overview, region, report, search, targets, trends, upload

ROUTERS = [overview.router, report.router, targets.router, region.router, search.router, trends.router, upload.router]
