"""The office's letters as .docx (python-docx): reminder letters in the party-document form and the
list of units to chase."""
