-- Whether a table or view exists (layers of other capabilities that may not be installed yet).
SELECT to_regclass(%(name)s) IS NOT NULL AS ada
