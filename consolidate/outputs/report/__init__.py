"""The draft narrative report (.docx) from an editable text template."""
