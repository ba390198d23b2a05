"""consolidate: a folder of Excel reports in; validated bloc-wide totals, a summary workbook,
annotated copies for the units and a draft report out.

The public API (:mod:`consolidate.api`; the CLI is a thin layer over it)::

    import consolidate

    result = consolidate.merge("inbox/")               # read, identify, validate, total, record in the history
    consolidate.write_summary(result, "tong_hop.xlsx")   # the workbook leadership reads
    consolidate.write_report(result, "bao_cao.docx")     # the draft narrative report
    print(result.totals["dv_cuoi_ky"].value, result.exit_code)

Names are imported on first use, so ``import consolidate`` stays light (no pandas, no xlsxwriter).
Extension points: :mod:`consolidate.rules` (rule kinds) and :mod:`consolidate.aggregations`
(aggregation methods).
"""

from importlib import import_module

__version__ = "0.1.0"

_API = {
    **{
        name: "api"
        for name in (
            "merge",
            "validate",
            "status",
            "template",
            "write_summary",
            "write_report",
            "document_date",
            "write_feedback",
            "write_reminders",
            "codebook",
            "load_catalog",
            "receive",
            "close",
            "reopen",
            "trends",
            "audit",
            "write_trends",
        )
    },
    "CatalogError": "core.errors",
    "parse_period": "core.periods",
    "write_template": "issue.template",
    "write_templates": "issue.batch",
    "read_submission": "ingest.reader",
    "merge_inbox": "pipeline.merge",
    "validate_files": "pipeline.merge",
    "MergeResult": "pipeline.result",
    "SummaryOptions": "outputs.summary.style",
    "load_previous": "pipeline.previous",
}
__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        value = getattr(import_module(f".{_API[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'consolidate' has no attribute {name!r}")
