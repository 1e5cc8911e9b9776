"""Priority areas (kawasan prioritas), lokus villages and sharing with agencies (issue #7).

- ``geometry``: check a drawn or imported area (repair with ST_MakeValid, refuse outside the district);
- ``store``: create / update / soft-delete areas (every version kept by trigger);
- ``importer``: areas from GeoJSON, KML or a zipped Shapefile (pyogrio, safe extraction);
- ``stats``: statistics inside an area, computed in PostGIS;
- ``lokus``: yearly lokus proposal and the planner's saved choice;
- ``tokens``: agency API tokens (only the hash is stored);
- ``layers`` / ``export``: export layers, streamed as GeoJSON / CSV / GeoPackage.
"""
from spatial.errors import N_, AreaError

JENIS_KAWASAN = ("lokus_kemiskinan_ekstrem", "lokus_stunting", "zona_air", "zona_sanitasi", "lainnya")
JENIS_LOKUS = ("kemiskinan_ekstrem", "stunting")

__all__ = ["JENIS_KAWASAN", "JENIS_LOKUS", "N_", "AreaError", "clean_year"]


def clean_year(value) -> int:
    """A year 2000-2100 from form or JSON input; AreaError otherwise."""
    try:
        year = int(value)
    except (TypeError, ValueError, OverflowError) as exc:
        raise AreaError(N_("Tahun harus berupa angka.")) from exc
    if not 2000 <= year <= 2100:
        raise AreaError(N_("Tahun harus antara 2000 dan 2100."))
    return year
