-- Header cells of an imported file, who imported it and under which region scope (NULL row when
-- the import does not exist).
SELECT kolom_berkas, oleh, opsi ->> 'wilayah' FROM impor WHERE id = %(impor_id)s;
