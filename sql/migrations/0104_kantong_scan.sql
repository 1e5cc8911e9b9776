-- Poverty pockets found by the Bernoulli spatial scan (issue #21) beside the DBSCAN pockets: the
-- method of each pocket and, for scan clusters, relative risk, log-likelihood ratio, Monte Carlo
-- p-value and the radius of the circle (metres). rumah_tangga of a scan cluster = its households.
ALTER TABLE analisis_kantong
    ADD COLUMN metode text NOT NULL DEFAULT 'dbscan' CHECK (metode IN ('dbscan', 'scan')),
    ADD COLUMN risiko_relatif double precision,
    ADD COLUMN llr double precision,
    ADD COLUMN p_value double precision,
    ADD COLUMN radius_m double precision;
