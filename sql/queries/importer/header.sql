-- Header cells of an imported file (NULL row when the import does not exist).
SELECT kolom_berkas FROM impor WHERE id = %(impor_id)s;
