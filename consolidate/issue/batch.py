"""Issue templates: one ready-to-fill workbook per unit of the registry plus the bloc-level one,
or the blank templates committed in templates/.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from consolidate.core.model import Catalog
from consolidate.core.names import NameSet
from consolidate.core.periods import Period
from consolidate.issue.template import template_filename, write_template


def write_templates(
    catalog: Catalog,
    out_dir: str | Path,
    period: Period | None = None,
    units: Iterable[str] = (),
    blank: bool = False,
    forms: Iterable[str] = (),
) -> list[Path]:
    """Write templates into ``out_dir``: for every form (``forms`` limits them, by id), one per unit
    the form applies to (``units`` limits them; the bloc's code selects the bloc-level template),
    or the blank templates. Returns the paths written, named as Windows accepts, never two differing
    only by letter case."""
    out_dir = Path(out_dir)
    names = NameSet()
    chosen = [f for f in catalog.forms.values() if not forms or f.id in set(forms)]
    if blank:
        return [
            write_template(catalog, form, out_dir / names.claim(template_filename(catalog, form))) for form in chosen
        ]
    wanted = set(units)
    paths = []
    for form in chosen:
        if form.submitted_by == "bloc":
            if not wanted or catalog.bloc.code in wanted:
                target = out_dir / names.claim(template_filename(catalog, form, period))
                paths.append(write_template(catalog, form, target, period=period))
            continue
        for unit in catalog.expected(form):
            if not wanted or unit.code in wanted:
                target = out_dir / names.claim(template_filename(catalog, form, period, unit))
                paths.append(write_template(catalog, form, target, unit=unit, period=period))
    return paths
