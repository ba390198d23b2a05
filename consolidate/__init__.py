"""consolidate: a folder of Excel reports in; validated bloc-wide totals, a summary workbook,
annotated copies for the units and a draft report out.

The public API (the CLI is a thin layer over it)::

    from consolidate import load_catalog, merge_inbox, write_summary, write_report

    catalog = load_catalog()                       # schemas/: forms, registry, bloc settings
    result = merge_inbox("inbox/", catalog)        # read, identify, validate, total; writes nothing
    write_summary(result, "tong_hop.xlsx")         # the workbook leadership reads
    print(result.totals["dv_cuoi_ky"], result.exit_code)

Names are imported on first use, so ``import consolidate`` stays light (no pandas, no xlsxwriter).
"""

from importlib import import_module

__version__ = "0.1.0"

_API = {
    "load_catalog": "catalog", "CatalogError": "catalog_node", "parse_period": "periods",
    "write_template": "template", "write_templates": "templates_out", "read_submission": "reader",
    "merge_inbox": "merge", "validate_files": "merge", "MergeResult": "result",
    "write_summary": "summary", "SummaryOptions": "summary", "write_feedback": "feedback",
    "write_reminders": "reminders", "write_report": "report", "load_previous": "compare",
}
__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        value = getattr(import_module(f".{_API[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'consolidate' has no attribute {name!r}")
