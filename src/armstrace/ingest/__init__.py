"""Import of registries, transfers, incidents and recovered items from CSV, XLSX, Parquet and JSON Lines."""

from .fields import KINDS
from .loader import ImportSummary, import_file
from .tabular import FORMATS

__all__ = ["FORMATS", "KINDS", "ImportSummary", "import_file"]
