"""The floor: read every report's values with python-calamine alone, in one process.

    python benchmarks/floor.py DIR [SHEET]

Opens each .xlsx under DIR and reads its data sheet into Python lists (what any reader must do at
least); prints the number of files and cells read. Timed from outside by benchmarks/run.py.
"""

import sys
from pathlib import Path

import python_calamine

root, sheet = Path(sys.argv[1]), (sys.argv[2] if len(sys.argv) > 2 else "Báo cáo")
files = cells = 0
for path in sorted(root.rglob("*.xlsx")):
    rows = (
        python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    )
    files += 1
    cells += sum(len(r) for r in rows)
print(f"{files} files, {cells} cells")
