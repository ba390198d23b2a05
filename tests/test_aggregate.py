"""Aggregation rules: ratios of sums, worker-weighted means, registry counts, half-up rounding."""

from __future__ import annotations

import pandas as pd

from consolidate.aggregations.methods import ratio_value as ratio
from consolidate.core.submission import FileInfo, Submission
from consolidate.pipeline.aggregate import Part, aggregate


def _part(catalog, rows, is_bloc=False):
    form = catalog.bloc_form if is_bloc else catalog.unit_form
    subs = [Submission(FileInfo(f"{i}.xlsx"), form_id=form.id, values=dict(r)) for i, r in enumerate(rows)]
    frame = pd.DataFrame([{k: v for k, v in r.items()} for r in rows])
    return Part(frame, subs, is_bloc)


def test_rate_is_a_ratio_of_sums_not_a_mean_of_rates(catalog):
    rows = [{"ket_nap": 1, "chi_tieu_ket_nap_nam": 1}, {"ket_nap": 5, "chi_tieu_ket_nap_nam": 10}]
    totals = aggregate(catalog, [_part(catalog, rows)])
    assert totals["ty_le_ket_nap"].value == 54.55  # 6/11, not (100% + 50%) / 2
    assert (totals["ty_le_ket_nap"].numerator, totals["ty_le_ket_nap"].denominator) == (6, 11)


def test_income_is_weighted_by_workers(catalog):
    rows = [{"thu_nhap_bq": 20.0, "lao_dong_bq": 10}, {"thu_nhap_bq": 5.0, "lao_dong_bq": 90}]
    total = aggregate(catalog, [_part(catalog, rows)])["thu_nhap_bq"]
    assert total.value == 6.5  # (200 + 450) / 100, not 12.5
    assert (total.numerator, total.denominator) == (650, 100)


def test_registry_counts_do_not_depend_on_who_reported(catalog):
    totals = aggregate(catalog, [_part(catalog, [{"ket_nap": 1, "chi_tieu_ket_nap_nam": 2}])])
    assert (totals["so_tccs"].value, totals["so_dang_bo_co_so"].value, totals["so_chi_bo_co_so"].value) == (76, 31, 45)


def test_shared_codes_add_the_bloc_committee(catalog):
    units = _part(catalog, [{"kl_dv_khien_trach": 2, "kl_dv_tong": 2}, {"kl_dv_khien_trach": 1, "kl_dv_tong": 1}])
    bloc = _part(catalog, [{"kl_dv_khien_trach": 1, "kl_dv_tong": 1}], is_bloc=True)
    total = aggregate(catalog, [units, bloc])["kl_dv_tong"]
    assert (total.value, total.units, total.bloc) == (4, 2, True)


def test_half_up_and_zero_denominators():
    assert ratio(116, 120, 100, 2) == 96.67
    assert ratio(9, 12, 100, 2) == 75.0
    assert ratio(1, 8, 100, 2) == 12.5
    assert ratio(1, 0, 100, 2) is None
    assert ratio(None, 3, 100, 2) is None
