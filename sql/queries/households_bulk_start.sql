-- A first load of one province: when every checked row declares a village of the same province
-- and that province's partition is empty, detach it for a load without index maintenance
-- (sasaran_partisi_lepas). Returns the province code, or no row.
SELECT p.kode_prov
  FROM (SELECT min(left(kode_desa_deklarasi, 2)) AS kode_prov
          FROM imp_cek
         WHERE alasan = '{}'
        HAVING min(left(kode_desa_deklarasi, 2)) = max(left(kode_desa_deklarasi, 2))) p
 WHERE sasaran_partisi_lepas(p.kode_prov);
