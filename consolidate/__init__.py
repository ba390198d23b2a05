"""consolidate: a folder of Excel reports in, validated bloc-wide totals, a summary workbook and a
draft report out.

The public API (the CLI is a thin layer over it)::

    from consolidate import load_catalog, write_template, merge_inbox, write_summary
"""

__version__ = "0.1.0"
