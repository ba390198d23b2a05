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
    "load_catalog": "catalog.loader", "CatalogError": "core.errors", "parse_period": "core.periods",
    "write_template": "issue.template", "write_templates": "issue.batch", "read_submission": "ingest.reader",
    "merge_inbox": "pipeline.merge", "validate_files": "pipeline.merge", "MergeResult": "pipeline.result",
    "write_summary": "outputs.summary.writer", "SummaryOptions": "outputs.summary.style",
    "write_feedback": "outputs.feedback", "write_reminders": "outputs.reminders",
    "write_report": "outputs.report.writer", "load_previous": "pipeline.previous",
}
__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        value = getattr(import_module(f".{_API[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'consolidate' has no attribute {name!r}")
