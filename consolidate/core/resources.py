"""Where the files shipped with the toolkit are: the catalog (schemas/) and the text templates
(templates/). Installed, they live in the package's ``_data`` folder; in a checkout, beside the
package.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent


def shipped(folder: str, marker: str) -> Path:
    """``folder`` ("schemas" or "templates") of the installed package, or of the checkout; the
    one holding ``marker`` wins."""
    for candidate in (PACKAGE / "_data" / folder, PACKAGE.parent / folder):
        if (candidate / marker).is_file():
            return candidate
    return PACKAGE.parent / folder
