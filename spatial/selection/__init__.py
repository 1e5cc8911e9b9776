"""Beneficiary selection for house repairs (issue #6, Dinas Perkim).

- ``programs``: programmes (name, year, source, unit cost, budget, rules, quotas, status) and totals;
- ``candidates``: households of a programme's scope with their eligibility reasons, ranked by
  the RTLH priority score (``skor_rtlh`` of the analysis issue);
- ``actions``: add (click, drawn area, proposal), remove, workflow transitions, close/re-open;
- ``optimiser``: fills the budget with the best eligible households (exact greedy without quotas,
  PuLP + HiGHS integer programme with quotas) and explains what it leaves out;
- ``export``: XLSX with a header block, CSV, GeoJSON, and the data of the field verification sheet.

Every function takes an open psycopg connection; the caller commits.
"""
