SELECT kode_prov, rumah_tangga_id, skor FROM skor_rtlh
