/* Seleksi Penerima (issue #6): candidate map and sortable table kept in sync, click to add/remove,
   draw a rectangle/polygon to add all eligible inside (after a confirmation), running totals,
   automatic proposal. Geometry is sent in the JSON body of POST requests, never in the URL. */
(function () {
  "use strict";
  const cfg = JSON.parse(document.getElementById("seleksi-config").textContent);
  const T = cfg.texts;
  const map = window[cfg.map];
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const number = new Intl.NumberFormat(cfg.locale === "en" ? "en-US" : "id-ID", {maximumFractionDigits: 1});
  const renderer = L.canvas({padding: 0.3});
  const layer = L.featureGroup().addTo(map);
  const MAX_ROWS = 500;
  let rows = [];           // properties of every candidate (with and without GPS)
  let markers = {};        // key -> circle marker
  let sortKey = "peringkat", sortDir = 1;
  let pendingArea = null;

  const key = (p) => p.kode_prov + ":" + p.id;
  const fmt = (text, values) => text.replace(/%\((\w+)\)s/g, (_m, name) => values[name]);
  const rupiah = (v) => "Rp " + number.format(v);

  function message(html, kind) {
    const box = document.getElementById("pesan");
    box.className = "small alert alert-" + (kind || "secondary");
    box.innerHTML = html;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
  }

  function post(url, body) {
    return fetch(url, {method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf}, body: JSON.stringify(body)})
      .then((r) => r.json().then((data) => {
        if (!r.ok) { throw new Error(data.error || T.gagal); }
        return data;
      }));
  }

  function showTotals(t) {
    if (!t) { return; }
    document.getElementById("total-unit").textContent = number.format(t.unit);
    document.getElementById("total-biaya").textContent = number.format(t.biaya);
    document.getElementById("total-anggaran").textContent = number.format(t.anggaran);
    document.getElementById("total-sisa").textContent = number.format(t.sisa);
    document.getElementById("total-sisa-unit").textContent = number.format(t.sisa_unit);
    const bar = document.getElementById("total-progress");
    const pct = t.anggaran ? Math.min(100, 100 * t.biaya / t.anggaran) : 0;
    bar.style.width = pct.toFixed(1) + "%";
    bar.className = "progress-bar" + (t.sisa < 0 ? " bg-danger" : "");
  }

  function style(p) {
    return p.terpilih ? {radius: 6, color: "#7f0000", weight: 1, fillColor: "#e31a1c", fillOpacity: 0.9}
                      : {radius: 5, color: "#08306b", weight: 1, fillColor: "#4292c6", fillOpacity: 0.7};
  }

  function refused(list) {
    if (!list || !list.length) { return ""; }
    return "<br>" + fmt(T.ditolak, {n: list.length}) + "<ul class='mb-0'>" + list.slice(0, 10).map((r) =>
      "<li>" + escapeHtml(r.kode_prov + "/" + r.id) + ": " + escapeHtml(r.keterangan) + "</li>").join("") + "</ul>";
  }

  function setSelected(pairs, selected) {
    pairs.forEach((pair) => {
      const k = pair[0] + ":" + pair[1];
      const row = rows.find((r) => key(r) === k);
      if (row) { row.terpilih = selected; row.status = selected ? "usulan" : null; }
      if (markers[k]) { markers[k].setStyle(style(row)); if (selected) { markers[k].bringToFront(); } }
    });
    renderTable();
  }

  function toggle(p) {
    if (!cfg.aktif) { return; }
    const body = {rumah_tangga: [{kode_prov: p.kode_prov, id: p.id}]};
    if (p.terpilih) {
      post(cfg.urls.hapus, body).then((data) => {
        setSelected(data.dihapus, false); showTotals(data.program); message(T.dihapus, "success");
      }).catch((e) => message(escapeHtml(e.message), "danger"));
    } else {
      post(cfg.urls.tambah, body).then((data) => {
        setSelected(data.ditambah, true); showTotals(data.program);
        message(fmt(T.ditambah, {n: data.ditambah.length}) + refused(data.ditolak), data.ditolak.length ? "warning" : "success");
      }).catch((e) => message(escapeHtml(e.message), "danger"));
    }
  }

  function highlight(k) {
    document.querySelectorAll("#kandidat-table tr.table-active").forEach((tr) => tr.classList.remove("table-active"));
    const tr = document.querySelector('#kandidat-table tr[data-key="' + k + '"]');
    if (tr) { tr.classList.add("table-active"); tr.scrollIntoView({block: "nearest"}); }
  }

  function load() {
    const params = new URLSearchParams(new FormData(document.getElementById("filter-form")));
    return fetch(cfg.urls.kandidat + "?" + params.toString(), {credentials: "same-origin"}).then((r) => r.json()).then((data) => {
      layer.clearLayers();
      markers = {};
      rows = data.features.map((f) => f.properties).concat(data.tanpa_gps);
      rows.forEach((p, i) => { p.peringkat = i + 1; });
      // selected households are drawn last, on top of the candidates
      data.features.slice().sort((f, g) => f.properties.terpilih - g.properties.terpilih).forEach((f) => {
        const p = f.properties;
        const m = L.circleMarker([f.geometry.coordinates[1], f.geometry.coordinates[0]], Object.assign({renderer: renderer}, style(p)));
        m.feature = f;
        m.bindTooltip(() => escapeHtml(p.id_keluarga) + " · " + T.kandidat + " #" + p.peringkat + " · skor " + number.format(p.skor));
        m.on("click", () => { highlight(key(p)); toggle(p); });
        markers[key(p)] = m;
        m.addTo(layer);
      });
      showTotals(data.total);
      renderTable();
    });
  }

  function renderTable() {
    const sorted = rows.slice().sort((a, b) => {
      const x = a[sortKey], y = b[sortKey];
      return (x === y ? a.peringkat - b.peringkat : (x > y ? 1 : -1)) * (x === y ? 1 : sortDir);
    });
    const tbody = document.querySelector("#kandidat-table tbody");
    tbody.innerHTML = sorted.slice(0, MAX_ROWS).map((p) => {
      const gps = p.gps ? "" : " <span class='badge bg-secondary' title='lokasi menurut desa'>GPS –</span>";
      return "<tr data-key='" + key(p) + "'" + (p.terpilih ? " class='table-danger'" : "") + "><td>" + p.peringkat + "</td><td>" +
        escapeHtml(p.id_keluarga) + gps + "</td><td>" + escapeHtml(cfg.desaNama[p.kode_desa] || p.kode_desa) + "</td><td class='text-end'>" +
        (p.desil || "–") + "</td><td class='text-end'>" + number.format(p.kondisi) + "</td><td class='text-end'>" +
        number.format(p.kesehatan) + "</td><td class='text-end'>" + number.format(p.kerentanan) + "</td><td class='text-end'>" +
        number.format(p.skor) + "</td><td>" + (p.terpilih ? T.terpilih : T.kandidat) + "</td><td>" +
        (cfg.aktif ? "<button type='button' class='btn btn-outline-secondary btn-sm py-0 toggle' title='" + (p.terpilih ? T.hapus : T.tambah) + "'>" + (p.terpilih ? "−" : "+") + "</button>" : "") +
        "</td></tr>";
    }).join("");
    document.getElementById("jumlah-baris").textContent = fmt(T.tampil, {n: Math.min(MAX_ROWS, rows.length), total: rows.length});
  }

  document.querySelector("#kandidat-table tbody").addEventListener("click", (ev) => {
    const tr = ev.target.closest("tr");
    if (!tr) { return; }
    const p = rows.find((r) => key(r) === tr.dataset.key);
    highlight(tr.dataset.key);
    if (ev.target.classList.contains("toggle")) { toggle(p); return; }
    const m = markers[tr.dataset.key];
    if (m) { map.setView(m.getLatLng(), Math.max(map.getZoom(), 15)); m.openTooltip(); }
  });
  document.querySelectorAll("#kandidat-table th[data-sort]").forEach((th) => th.addEventListener("click", () => {
    const k = th.dataset.sort;
    sortDir = (sortKey === k) ? -sortDir : (["skor", "kondisi", "kesehatan", "kerentanan", "terpilih"].includes(k) ? -1 : 1);
    sortKey = k;
    renderTable();
  }));
  document.getElementById("filter-form").addEventListener("change", load);

  // Drawing: preview count and cost, confirm, then add.
  const confirmBox = document.getElementById("konfirmasi-area");
  map.on("draw:created", (e) => {
    if (pendingArea) { pendingArea.layer.remove(); }
    const geometry = e.layer.toGeoJSON().geometry;
    pendingArea = {layer: e.layer, geometry: geometry};
    post(cfg.urls.pratinjau, {geometry: geometry}).then((d) => {
      let html = fmt(T.konfirmasi_area, {n: d.memenuhi_syarat, biaya: rupiah(d.biaya)});
      html += "<br>" + fmt(T.muat, {n: d.muat, biaya: rupiah(d.biaya_muat)});
      if (d.tanpa_gps_desa) { html += "<br>" + fmt(T.tanpa_gps, {n: d.tanpa_gps_desa}); }
      if (d.sudah_terpilih) { html += "<br>" + fmt(T.sudah_terpilih, {n: d.sudah_terpilih}); }
      const reasons = Object.entries(d.tidak_memenuhi);
      if (reasons.length) { html += "<br>" + T.tidak_memenuhi + " " + reasons.map(([r, n]) => escapeHtml(r) + ": " + n).join("; "); }
      document.getElementById("konfirmasi-teks").innerHTML = html;
      document.getElementById("konfirmasi-ya").disabled = !cfg.aktif || d.muat === 0;
      confirmBox.classList.remove("d-none");
    }).catch((err) => message(escapeHtml(err.message), "danger"));
  });
  function closeArea() {
    confirmBox.classList.add("d-none");
    if (pendingArea) { pendingArea.layer.remove(); pendingArea = null; }
  }
  document.getElementById("konfirmasi-batal").addEventListener("click", closeArea);
  document.getElementById("konfirmasi-ya").addEventListener("click", () => {
    if (!pendingArea) { return; }
    post(cfg.urls.area, {geometry: pendingArea.geometry}).then((data) => {
      closeArea();
      setSelected(data.ditambah, true); showTotals(data.program);
      let html = fmt(T.ditambah, {n: data.ditambah.length});
      if (data.tanpa_gps_desa) { html += " " + fmt(T.tanpa_gps, {n: data.tanpa_gps_desa}); }
      message(html + refused(data.ditolak), data.ditolak.length ? "warning" : "success");
    }).catch((err) => message(escapeHtml(err.message), "danger"));
  });

  // Automatic proposal: preview (method, count, cost, left out and why), then apply.
  const panel = document.getElementById("usulan-panel");
  document.getElementById("tombol-usulan").addEventListener("click", () => {
    post(cfg.urls.usulan, {terapkan: false}).then((d) => {
      const left = Object.entries(d.tidak_dipilih);
      panel.innerHTML = fmt(T.usulan, {n: d.jumlah, biaya: rupiah(d.biaya), skor: number.format(d.total_skor)}) + "<br>" +
        (d.metode === "greedy" ? T.metode_greedy : T.metode_ilp) + "<br>" + T.tidak_dipilih + " " +
        (left.length ? left.map(([r, n]) => escapeHtml(r) + ": " + n).join("; ") : T.tidak_ada) +
        (d.jumlah ? "<br><button type='button' class='btn btn-sm btn-primary mt-2' id='terapkan-usulan'>" + T.terapkan + "</button>" : "");
      panel.classList.remove("d-none");
      const apply = document.getElementById("terapkan-usulan");
      if (apply) {
        apply.addEventListener("click", () => post(cfg.urls.usulan, {terapkan: true}).then((res) => {
          panel.classList.add("d-none");
          setSelected(res.ditambah, true); showTotals(res.program);
          message(fmt(T.ditambah, {n: res.ditambah.length}) + refused(res.ditolak), "success");
        }).catch((err) => message(escapeHtml(err.message), "danger")));
      }
    }).catch((err) => message(escapeHtml(err.message), "danger"));
  });

  // Village outlines for orientation (whole villages inside a drawn area bring their non-GPS households).
  fetch(cfg.urls.desa, {credentials: "same-origin"}).then((r) => r.json()).then((gj) => {
    L.geoJSON(gj, {interactive: false, style: {color: "#555", weight: 1, fill: false}}).addTo(map).bringToBack();
  }).catch(() => null);

  window.SasaranSeleksi = {markers: () => markers, map: map, reload: load};
  load();
})();
