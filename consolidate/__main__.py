"""``python -m consolidate`` runs the command line."""

from consolidate.cli import main

main()
