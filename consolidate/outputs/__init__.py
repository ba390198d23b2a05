"""What people read, written from a merge result: the summary workbook, the draft report,
annotated copies for the units, reminders and the code catalog."""
