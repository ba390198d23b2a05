"""Issuing templates: the catalog → ready-to-fill workbooks, blank or prefilled per unit."""
