-- Programmes have an owner region (issue #16): a kabupaten or kecamatan code, NULL = the whole
-- deployment. Only users whose region scope covers it edit, re-budget, close or re-open the
-- programme (spatial.scope.require in spatial/selection/programs.py); a scoped user's new
-- programme belongs to that user's region.
ALTER TABLE program ADD COLUMN kode_wilayah text;
