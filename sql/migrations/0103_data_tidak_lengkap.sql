-- Empty attributes are "data tidak lengkap" in the analyses (issue #17), never silently good or bad:
-- a household whose home water/sanitation answer is empty and that has no facility within reach
-- is neither served nor unserved (terlayani NULL); the RTLH score lists the components it could
-- not score.
ALTER TABLE analisis_akses ALTER COLUMN terlayani_air DROP NOT NULL,
                           ALTER COLUMN terlayani_sanitasi DROP NOT NULL;
ALTER TABLE skor_rtlh ADD COLUMN data_tidak_lengkap text[] NOT NULL DEFAULT '{}';
