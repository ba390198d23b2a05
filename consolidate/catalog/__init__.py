"""schemas/ (bloc.yaml, units.csv, forms/*.yaml) → the frozen :class:`~consolidate.core.model.Catalog`,
checked on load with every error naming its file and key path."""

from consolidate.catalog.loader import default_schema_dir, load_catalog
from consolidate.core.errors import CatalogError

__all__ = ["CatalogError", "default_schema_dir", "load_catalog"]
