/* Kawasan Prioritas page: list and select areas, draw/edit with Leaflet.draw, save, delete,
   statistics beside the map. Configuration comes from #kawasan-config. */
(function () {
  "use strict";
  const cfg = JSON.parse(document.getElementById("kawasan-config").textContent);
  const T = cfg.texts;
  const map = window[cfg.mapVar];
  const drawn = window[cfg.drawGroup];
  const fmt = {format: (value) => window.SasaranFormat.number(value)};
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const $ = (id) => document.getElementById(id);
  /* village outlines as a reference (the page also works with no basemap) */
  fetch(cfg.urls.villages, {credentials: "same-origin"}).then((r) => r.json()).then((data) => {
    L.geoJSON(data, {interactive: false, style: {color: "#888", weight: 0.7, fill: false}}).addTo(map).bringToBack();
  }).catch(() => {});
  let saved = L.geoJSON(null, {style: {color: "#6f42c1", weight: 2, fillOpacity: 0.15}}).addTo(map);
  let selectedId = null;

  function message(text, kind) {
    const box = $("kawasan-pesan");
    box.textContent = text;
    box.className = "alert alert-" + (kind || "success") + " py-1 small";
  }

  async function call(url, method, body) {
    const response = await fetch(url, {method: method || "GET", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf, "Accept": "application/json"},
      body: body ? JSON.stringify(body) : undefined});
    const data = await response.json().catch(() => ({}));
    if (!response.ok) { throw new Error(data.error || response.statusText); }
    return data;
  }

  function esc(text) {
    const span = document.createElement("span");
    span.textContent = text == null ? "" : String(text);
    return span.innerHTML;
  }

  function showStats(s) {
    const rows = [[T.households, s.rumah_tangga], [T.desil12, s.desil12], [T.rtlh, s.rtlh],
      [T.cost, "Rp " + fmt.format(s.biaya_rtlh)], [T.no_water, s.tanpa_air_layak],
      [T.no_sanitation, s.tanpa_sanitasi_layak], [T.toddlers, s.balita]];
    let html = '<table class="table table-sm mb-2" id="tabel-statistik"><tbody>' + rows.map(
      (r) => "<tr><th>" + esc(r[0]) + '</th><td class="text-end" data-nilai="' + esc(r[1]) + '">' +
        esc(typeof r[1] === "number" ? fmt.format(r[1]) : r[1]) + "</td></tr>").join("") + "</tbody></table>";
    html += "<div><strong>" + esc(T.facilities) + ":</strong> " + (s.fasilitas.length ? s.fasilitas.map(
      (f) => esc(cfg.facilityTypes[f.jenis] || f.jenis) + " " + fmt.format(f.jumlah)).join(", ") : esc(T.none)) + "</div>";
    html += '<div class="mt-2"><strong>' + esc(T.villages) + "</strong> (" + esc(T.share) + ")<ul class=\"mb-0\">" +
      s.desa.map((d) => "<li>" + esc(d.nama) + " <span class=\"text-muted\">" + esc(d.kode_desa) + "</span> " +
        fmt.format(d.persen_luas_desa) + "%</li>").join("") + "</ul></div>";
    const box = $("kawasan-statistik");
    box.className = "small mb-3";
    box.innerHTML = html;
  }

  async function statsFor(geometry) {
    try { showStats(await call(cfg.urls.stats, "POST", {geometry: geometry})); }
    catch (err) { message(err.message, "danger"); }
  }

  function currentGeometry() {
    const layers = drawn.getLayers();
    return layers.length ? layers[layers.length - 1].toGeoJSON().geometry : null;
  }

  function fillForm(p) {
    if (!$("kawasan-form")) { return; }
    $("kawasan-id").value = p ? p.id : "";
    $("kawasan-nama").value = p ? p.nama : "";
    $("kawasan-jenis").value = p ? p.jenis : "lainnya";
    $("kawasan-tahun").value = p && p.tahun ? p.tahun : "";
    $("kawasan-catatan").value = p && p.catatan ? p.catatan : "";
    $("kawasan-hapus").classList.toggle("d-none", !p);
  }

  function select(feature) {
    selectedId = feature.id;
    drawn.clearLayers();
    if (cfg.canEdit) {
      L.geoJSON(feature.geometry).eachLayer((layer) => drawn.addLayer(layer));
    }
    fillForm(feature.properties);
    map.fitBounds(L.geoJSON(feature.geometry).getBounds(), {maxZoom: 15});
    statsFor(feature.geometry);
  }

  async function loadList() {
    const data = await call(cfg.urls.list);
    saved.clearLayers();
    saved.addData(data);
    saved.eachLayer((layer) => layer.on("click", () => select(layer.feature)));
    const body = document.querySelector("#kawasan-daftar tbody");
    body.innerHTML = "";
    data.features.forEach((f) => {
      const p = f.properties;
      const tr = document.createElement("tr");
      tr.dataset.id = f.id;
      tr.style.cursor = "pointer";
      tr.innerHTML = "<td>" + esc(p.nama) + "</td><td>" + esc(cfg.kinds[p.jenis] || p.jenis) + "</td><td>" +
        esc(p.tahun || "") + '</td><td class="text-end">' + fmt.format(p.luas_ha) + "</td>";
      tr.addEventListener("click", () => select(f));
      body.appendChild(tr);
    });
  }

  map.on("draw:created", (e) => {
    drawn.eachLayer((layer) => { if (layer !== e.layer) { drawn.removeLayer(layer); } });
    drawn.addLayer(e.layer);
    if (!selectedId) { fillForm(null); }
    statsFor(e.layer.toGeoJSON().geometry);
  });
  map.on("draw:edited", () => { const g = currentGeometry(); if (g) { statsFor(g); } });

  const form = $("kawasan-form");
  if (form) {
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const geometry = currentGeometry();
      if (!selectedId && !geometry) { message(T.draw_first, "warning"); return; }
      const body = {nama: $("kawasan-nama").value, jenis: $("kawasan-jenis").value,
        tahun: $("kawasan-tahun").value || null, catatan: $("kawasan-catatan").value, geometry: geometry};
      try {
        const result = selectedId ? await call("/api/kawasan/" + selectedId, "PUT", body)
                                  : await call("/api/kawasan", "POST", body);
        selectedId = result.id;
        $("kawasan-id").value = result.id;
        $("kawasan-hapus").classList.remove("d-none");
        message(result.diperbaiki ? T.saved + " " + T.repaired : T.saved, result.diperbaiki ? "warning" : "success");
        await loadList();
      } catch (err) { message(err.message, "danger"); }
    });
    $("kawasan-baru").addEventListener("click", () => {
      selectedId = null; drawn.clearLayers(); fillForm(null);
    });
    $("kawasan-hapus").addEventListener("click", async () => {
      if (!selectedId || !window.confirm(T.confirm_delete)) { return; }
      try {
        await call("/api/kawasan/" + selectedId, "DELETE");
        selectedId = null; drawn.clearLayers(); fillForm(null);
        message(T.deleted);
        await loadList();
      } catch (err) { message(err.message, "danger"); }
    });
    $("kawasan-impor").addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const response = await fetch("/kawasan/impor", {method: "POST", body: new FormData(ev.target),
        headers: {"X-CSRFToken": csrf}, credentials: "same-origin"});
      const data = await response.json().catch(() => ({}));
      if (!response.ok) { message(data.error || response.statusText, "danger"); return; }
      message(T.saved + " (" + data.disimpan.length + ")");
      await loadList();
    });
  }
  loadList().catch((err) => message(err.message, "danger"));
})();
