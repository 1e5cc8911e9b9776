"""The app serves the village map and the village GeoJSON from PostGIS, with local assets only."""
import re


def test_api_villages_returns_136_features_with_codes_names_and_counts(client, db):
    response = client.get("/api/villages")
    assert response.status_code == 200
    assert response.mimetype == "application/geo+json"
    collection = response.get_json()
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    assert len(collection["features"]) == 136
    props = {f["properties"]["kode_desa"]: f["properties"] for f in collection["features"]}
    assert props["18.04.04.1001"]["nama"] == "Pasar Liwa"
    expected = dict(db.execute("SELECT kode_desa, count(*) FROM rumah_tangga GROUP BY 1").fetchall())
    assert {k: p["jumlah_rumah_tangga"] for k, p in props.items() if p["jumlah_rumah_tangga"]} == expected
    assert sum(expected.values()) > 0


def test_dashboard_is_a_folium_map_with_local_assets(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "L.map(" in html and "/api/villages" in html  # villages fetched as JSON, not inlined (#5)
    links = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(link.endswith("leaflet/dist/leaflet.js") for link in links)
    assert not [link for link in links if link.startswith(("http:", "https:", "//"))]


def test_vendor_route_serves_only_allowed_packages(client):
    assert client.get("/vendor/leaflet/dist/leaflet.js").status_code == 200
    assert client.get("/vendor/lodash/lodash.js").status_code == 404
    assert client.get("/vendor/../package.json").status_code == 404


def test_sample_loads_while_no_household_data_exists(scratch_db, db_url, sample_dir):
    from spatial.importer.registry import import_households
    from spatial.sample import no_household_data

    assert no_household_data(scratch_db)  # villages alone (an interrupted sample load) do not count
    assert not no_household_data(db_url)
    import_households(sample_dir / "households.csv", url=scratch_db)
    assert not no_household_data(scratch_db)
