-- The kind of file of an import (no row when the import does not exist).
SELECT jenis FROM impor WHERE id = %(impor_id)s;
