"""rumah_tangga: unique (id_keluarga, kode_prov) replaces (kode_prov, id_keluarga) and the index on id_keluarga."""
from sql.migrations.sqlstep import forward_only, sql_files

revision = "0099_rumah_tangga_unique_order"
down_revision = "0098_indikator_bulk"
upgrade = sql_files("0099_rumah_tangga_unique_order.sql")
downgrade = forward_only
