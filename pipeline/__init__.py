"""Wapenradar: Dutch defence news → weapons, quantities, attributions and transfers as JSON records."""
from __future__ import annotations

__version__ = "1.0.0"

from .language import load  # noqa: E402
from .export import read_records  # noqa: E402

__all__ = ["load", "read_records", "__version__"]
