"""The merge: read → identify → validate → one report per unit → totals, returned as a
:class:`~consolidate.pipeline.result.MergeResult`; the aggregation methods; other periods' figures."""
