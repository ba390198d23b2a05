"""The foundation every stage shares: the catalog's frozen model, findings and their codes and
messages, periods, Vietnamese number text, the template/summary layout contract, errors and
atomic file output. Imports nothing else of the project."""
