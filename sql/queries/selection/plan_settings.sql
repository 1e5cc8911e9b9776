-- Settings for the rest of this transaction (candidate queries). No JIT: compiling their
-- expressions costs more than the index-driven query itself (~2 s of JIT at 1,000,000 households).
-- A plan for the values of each call: on the app's pooled connections psycopg prepares a query
-- from its sixth run, and PostgreSQL then switched to a generic plan blind to the drawn area and to
-- the filters left NULL (1,000,000 households: the area preview 220 -> 390 ms from the eleventh
-- call on one connection).
SELECT set_config('jit', 'off', true), set_config('plan_cache_mode', 'force_custom_plan', true)
