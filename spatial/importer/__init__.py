"""The importer of registry files (households, facilities): reading CSV/XLSX (``source``), mapping
their columns (``columns``), the set-based checks and the transactional merge (``registry``), the
rejects report and import history (``report``) and the command-line front (``cli``)."""
