"""The summary workbook leadership reads (xlsxwriter)."""

from consolidate.outputs.summary.style import SummaryOptions
from consolidate.outputs.summary.writer import write_summary

__all__ = ["SummaryOptions", "write_summary"]
