-- Who acts and why, for the triggers of this transaction (history of removals and closures).
SELECT set_config('sasaran.pengguna', %(oleh)s, true), set_config('sasaran.alasan', COALESCE(%(alasan)s, ''), true)
