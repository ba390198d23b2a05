"""From a folder of files to :class:`~consolidate.core.submission.Submission` values: list the inbox,
sniff and guard each file, read it (python-calamine, in worker processes), type each cell and
identify whose report it is."""
