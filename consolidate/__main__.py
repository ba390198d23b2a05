"""``python -m consolidate`` runs the command line."""

from consolidate.cli import main

if __name__ == "__main__":  # not again in a spawned worker
    main()
