"""``python -m consolidate`` runs the command line."""

from consolidate.cli.commands import main

main()
