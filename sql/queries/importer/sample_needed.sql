-- True while no household data has ever landed: no household rows and no completed household
-- import. (Villages alone do not count: a sample load interrupted after the boundaries, or
-- boundaries loaded by hand, must not keep the sample from loading.)
SELECT NOT EXISTS (SELECT 1 FROM rumah_tangga)
   AND NOT EXISTS (SELECT 1 FROM impor WHERE jenis = 'rumah_tangga' AND status = 'selesai');
