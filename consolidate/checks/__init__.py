"""Findings from submissions: the pandera schema of each form, the rule kinds, plausibility
across units and rules against other periods."""
