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
    catalog: Catalog, out_dir: str | Path, period: Period | None = None, units: Iterable[str] = (), blank: bool = False
) -> list[Path]:
    """Write templates into ``out_dir``; ``units`` limits the issued ones (the bloc's code selects
    the bloc-level template). Returns the paths written, named as Windows accepts, never two
    differing only by letter case."""
    out_dir = Path(out_dir)
    names = NameSet()
    if blank:
        return [
            write_template(catalog, form, out_dir / names.claim(template_filename(form, None, None)))
            for form in catalog.forms.values()
        ]
    wanted = set(units)
    paths = []
    form = catalog.unit_form
    for unit in catalog.units:
        if not wanted or unit.code in wanted:
            paths.append(
                write_template(
                    catalog,
                    form,
                    out_dir / names.claim(template_filename(form, unit.code, period)),
                    unit=unit,
                    period=period,
                )
            )
    bloc_form = catalog.bloc_form
    if bloc_form is not None and (not wanted or catalog.bloc.code in wanted):
        paths.append(
            write_template(
                catalog,
                bloc_form,
                out_dir / names.claim(template_filename(bloc_form, catalog.bloc.code, period)),
                period=period,
            )
        )
    return paths
