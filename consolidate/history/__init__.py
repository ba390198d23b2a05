"""The history database: one SQLite file beside the office's work, on by default.

- :mod:`~consolidate.history.database` — where the file is, opening it (WAL, waiting for another
  writer), the schema brought forward by migrations (:mod:`~consolidate.history.schema`);
- :mod:`~consolidate.history.record` — a merge recorded in one transaction, or nothing when it is
  the same again or its period is closed;
- :mod:`~consolidate.history.queries` — receipts (the order of versions), where a period stands,
  another period's recorded figures;
- :mod:`~consolidate.history.closing` — closing and reopening a period, the audit;
- :mod:`~consolidate.history.receive` — attachments copied into the inbox with their receipt;
- :mod:`~consolidate.history.trends` — each indicator and unit over the recorded periods;
- :mod:`~consolidate.history.session` — a merge, status or validation with the database beside it.

Only this package imports sqlite3.
"""
