"""The naive way a user would script it: pandas.read_excel (openpyxl) file by file, then concat.

python benchmarks/naive.py DIR [LIMIT]
"""

import sys
from pathlib import Path

import pandas as pd

root = Path(sys.argv[1])
limit = int(sys.argv[2]) if len(sys.argv) > 2 else None
frames = []
for path in sorted(root.rglob("*.xlsx"))[:limit]:
    frame = pd.read_excel(path, sheet_name="Báo cáo", engine="openpyxl", header=None)
    frame["file"] = path.name
    frames.append(frame)
print(len(frames), "files,", len(pd.concat(frames)), "rows")
