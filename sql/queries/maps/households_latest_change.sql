-- When the household data last changed (shown as "data per" on the maps).
SELECT max(diubah_pada) FROM rumah_tangga;
