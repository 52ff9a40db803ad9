"""Turn medical-insurance budget and performance-target documents into DuckDB tables."""

__version__ = "0.1.0"
