"""Beneficiary selection (Perkim): programmes, quotas, selections with their workflow and history."""
from sql.migrations.sqlstep import forward_only, sql_files

revision = "0006_selection"
down_revision = "0004_analysis"
upgrade = sql_files("0006_selection.sql")
downgrade = forward_only
