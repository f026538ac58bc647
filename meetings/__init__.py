"""Meetings: a self-hosted web front end for scheduling Whereby meetings.

The package itself imports nothing, so `meetings.local_api` (the embedded meetings
service) can run without loading the web app.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask


def create_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    """Build the web app; `overrides` replaces configuration values (tests, tools)."""
    from .factory import create_app as build

    return build(overrides)
