-- Every recipient row (of one programme program, or all: NULL) into the matching batch: a
-- re-match after the household registry changed.
CREATE TEMP TABLE cocok_sasaran (id bigint PRIMARY KEY) ON COMMIT DROP;
INSERT INTO cocok_sasaran SELECT id FROM penerima_bantuan WHERE %(program)s::text IS NULL OR program = %(program)s::text;
