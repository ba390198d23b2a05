"""``python -m consolidate`` runs the command line."""

from .cli import main

main()
