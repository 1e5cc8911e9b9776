-- Every programme with recipient rows and its latest period.
SELECT DISTINCT ON (program) program, periode FROM penerima_bantuan ORDER BY program, periode DESC;
