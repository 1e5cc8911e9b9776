/* Seleksi Penerima (issues #6, #19): the candidate table is paged, sorted and filtered by the server
   (/kandidat/tabel) and the map draws every candidate from one compact payload (/kandidat/titik).
   Click a point for the reasons of its score and to add or remove it; expand a row for the same
   reasons; check rows, a whole filter or everything inside a drawn area, then add them, remove them
   or move them along the workflow in one step. Geometry travels in POST bodies, never in URLs. */
(function () {
  "use strict";
  const cfg = JSON.parse(document.getElementById("seleksi-config").textContent);
  const T = cfg.texts;
  const F = window.SasaranFormat;
  const map = window[cfg.map];
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const renderer = L.canvas({padding: 0.3});
  const layer = L.featureGroup().addTo(map);
  const state = {sort: "peringkat", desc: false, page: 1, size: 50, total: 0};
  let rows = [];              // the current page of the table
  let points = null;          // {prov, id, x, y, t}: every candidate with GPS
  let markers = {};           // key -> circle marker
  const picked = new Map();   // key -> {kode_prov, id, terpilih}
  let allFiltered = false;    // "every candidate the filters keep" instead of the checked ones
  const opened = new Map();   // key -> the reasons (HTML) of the candidates whose reasons row is open
  let pendingArea = null;

  const key = (prov, id) => prov + ":" + id;
  const fmt = (text, values) => text.replace(/%\((\w+)\)s/g, (_m, name) => values[name]);
  const esc = (text) => String(text === null || text === undefined ? "" : text).replace(/[&<>"']/g,
    (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
  const n0 = (v) => F.number(v, 0);

  function message(html, kind) {
    const box = document.getElementById("pesan");
    box.className = "small alert alert-" + (kind || "secondary");
    box.innerHTML = html;
  }

  function request(url, body) {
    const options = body === undefined ? {credentials: "same-origin"} : {method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf}, body: JSON.stringify(body)};
    return fetch(url, options).then((r) => r.json().then((data) => {
      if (!r.ok) { throw new Error(data.error || T.gagal); }
      return data;
    }));
  }
  const failed = (e) => message(esc(e.message), "danger");

  function filters() {
    const out = {};
    new FormData(document.getElementById("filter-form")).forEach((v, k) => { if (v !== "") { out[k] = v; } });
    return out;
  }

  function showTotals(t) {
    if (!t) { return; }
    document.getElementById("total-unit").textContent = n0(t.unit);
    document.getElementById("total-biaya").textContent = n0(t.biaya);
    document.getElementById("total-anggaran").textContent = n0(t.anggaran);
    document.getElementById("total-sisa").textContent = n0(t.sisa);
    document.getElementById("total-sisa-unit").textContent = n0(t.sisa_unit);
    const bar = document.getElementById("total-progress");
    const pct = t.anggaran ? Math.min(100, 100 * t.biaya / t.anggaran) : 0;
    bar.style.width = pct.toFixed(1) + "%";
    bar.className = "progress-bar" + (t.sisa < 0 ? " bg-danger" : "");
  }

  /* Households that could not be added or moved, by family id and head's name, with why. */
  function refusedHtml(list, label) {
    if (!list || !list.length) { return ""; }
    const shown = list.slice(0, 20).map((r) => "<li><span class='kode'>" + esc(r.id_keluarga || (r.kode_prov + "/" + r.id)) +
      "</span>" + (r.nama_kepala ? " · " + esc(r.nama_kepala) : "") + ": " + esc(r.keterangan || r.alasan) + "</li>").join("");
    const more = list.length > 20 ? "<li>" + esc(fmt(T.lainnya, {n: n0(list.length - 20)})) + "</li>" : "";
    return "<br>" + fmt(label, {n: n0(list.length)}) + "<ul class='mb-0'>" + shown + more + "</ul>";
  }

  /* ---- the map: every candidate from one compact payload ------------------------------------ */
  function style(selected) {
    return selected ? {radius: 6, color: "#7f0000", weight: 1, fillColor: "#e31a1c", fillOpacity: 0.9}
                    : {radius: 5, color: "#08306b", weight: 1, fillColor: "#4292c6", fillOpacity: 0.7};
  }

  function drawPoints() {
    layer.clearLayers();
    markers = {};
    points.id.forEach((id, i) => {
      const p = {kode_prov: points.prov[i], id: id, terpilih: points.t[i] === 1};
      const m = L.circleMarker([points.y[i], points.x[i]], Object.assign({renderer: renderer}, style(p.terpilih)));
      m.sasaran = p;
      m.on("click", () => openPopup(m));
      markers[key(p.kode_prov, id)] = m;
      m.addTo(layer);
    });
  }

  function loadPoints() {
    const params = new URLSearchParams(filters());
    return request(cfg.urls.titik + "?" + params.toString()).then((data) => { points = data; drawPoints(); });
  }

  function reasonsHtml(d) {
    let html = "<strong>" + esc(T.skor) + " " + esc(d.skor || "–") + "</strong>";
    d.kelompok.forEach((g) => {
      html += "<div class='mt-1'><em>" + esc(g.kelompok) + " (" + esc(g.poin) + ")</em><ul class='mb-0 ps-3'>" +
        g.alasan.map((a) => "<li>" + esc(a.teks) + " <strong>" + esc(a.poin) + "</strong></li>").join("") + "</ul></div>";
    });
    if (d.tidak_lengkap.length) { html += "<div class='text-warning-emphasis'>" + esc(T.tidak_lengkap) + " " + esc(d.tidak_lengkap.join(", ")) + "</div>"; }
    return html;
  }

  function reasonsUrl(p) { return cfg.urls.rincian.replace("PROV", encodeURIComponent(p.kode_prov)) + "/" + p.id + "/rincian"; }

  function openPopup(m) {
    const p = m.sasaran;
    request(reasonsUrl(p)).then((d) => {
      const k = key(p.kode_prov, p.id);
      let html = "<div class='small popup-rincian'><div><span class='kode'>" + esc(d.id_keluarga) + "</span> · <strong>" +
        esc(d.nama_kepala || "") + "</strong></div><div class='text-muted'>" + esc(d.desa) + "</div>" + reasonsHtml(d) +
        "<div class='d-flex flex-wrap gap-2 mt-2'>";
      if (cfg.aktif) {
        html += "<button type='button' class='btn btn-sm " + (p.terpilih ? "btn-outline-danger" : "btn-primary") +
          " popup-toggle'>" + esc(p.terpilih ? T.hapus_usulan : T.tambah_usulan) + "</button>";
      }
      html += "<label class='form-check mb-0'><input type='checkbox' class='form-check-input popup-pick'" +
        (picked.has(k) ? " checked" : "") + "> " + esc(T.pilih) + "</label><a href='" + esc(d.url + "?program=" + cfg.programId) +
        "'>" + esc(T.rincian) + "</a></div></div>";
      const popup = L.popup({maxWidth: 300}).setLatLng(m.getLatLng()).setContent(html).openOn(map);
      const box = popup.getElement();
      const toggleButton = box.querySelector(".popup-toggle");
      if (toggleButton) { toggleButton.addEventListener("click", () => { map.closePopup(); toggle(p); }); }
      box.querySelector(".popup-pick").addEventListener("change", (ev) => { pick(p, ev.target.checked); renderTable(); });
    }).catch(failed);
  }

  /* ---- the table: one page from the server ------------------------------------------------- */
  function showPage(data) {
    rows = data.baris;
    state.total = data.total;
    showTotals(data.program);
    renderTable();
  }

  function loadTable() {
    const params = new URLSearchParams(Object.assign(filters(), {halaman: state.page, per: state.size, urut: state.sort,
                                                                  turun: state.desc ? "1" : "0"}));
    return request(cfg.urls.tabel + "?" + params.toString()).then(showPage);
  }

  function statusText(p) { return p.terpilih ? (cfg.status[p.status] || T.terpilih) : T.kandidat; }

  function renderTable() {
    const tbody = document.querySelector("#kandidat-table tbody");
    tbody.innerHTML = rows.map((p) => {
      const k = key(p.kode_prov, p.id);
      const gps = p.gps ? "" : " <span class='badge bg-secondary' title='lokasi menurut desa'>GPS –</span>";
      const checked = allFiltered || picked.has(k);
      return "<tr data-key='" + k + "' class='" + (p.terpilih ? "table-danger" : "") + (checked ? " table-active" : "") + "'>" +
        "<td><input type='checkbox' class='form-check-input pilih' aria-label='" + esc(T.pilih + " " + p.id_keluarga) + "'" +
        (checked ? " checked" : "") + (allFiltered ? " disabled" : "") + "></td>" +
        "<td data-label='#'>" + n0(p.peringkat) + "</td>" +
        "<td class='kartu-judul'><span class='kode'>" + esc(p.id_keluarga) + "</span> · " + esc(p.nama_kepala || "") + gps + "</td>" +
        "<td data-label='" + esc(document.querySelector("th[data-sort=desa]").textContent) + "'>" + esc(p.nama_desa || p.kode_desa) + "</td>" +
        "<td data-label='Desil' class='text-end'>" + (p.desil || "–") + "</td>" +
        "<td data-label='" + esc(document.querySelector("th[data-sort=kondisi]").textContent) + "' class='text-end'>" + F.number(p.kondisi) + "</td>" +
        "<td data-label='" + esc(document.querySelector("th[data-sort=kesehatan]").textContent) + "' class='text-end'>" + F.number(p.kesehatan) + "</td>" +
        "<td data-label='" + esc(document.querySelector("th[data-sort=kerentanan]").textContent) + "' class='text-end'>" + F.number(p.kerentanan) + "</td>" +
        "<td data-label='" + esc(T.skor) + "' class='text-end'><strong>" + F.number(p.skor) + "</strong></td>" +
        "<td data-label='Status'>" + esc(statusText(p)) + "</td>" +
        "<td class='text-nowrap'><button type='button' class='btn btn-outline-secondary btn-sm rincian-buka btn-sentuh' aria-expanded='false' title='" +
        esc(T.alasan_skor) + "'>▸ " + esc(T.alasan_skor) + "</button>" +
        (cfg.aktif ? " <button type='button' class='btn btn-outline-secondary btn-sm toggle btn-sentuh' title='" +
          esc(p.terpilih ? T.hapus : T.tambah) + "' aria-label='" + esc(p.terpilih ? T.hapus : T.tambah) + "'>" +
          (p.terpilih ? "−" : "+") + "</button>" : "") + "</td></tr>";
    }).join("");
    tbody.querySelectorAll("tr[data-key]").forEach((tr) => { if (opened.has(tr.dataset.key)) { reasonsRow(tr, opened.get(tr.dataset.key)); } });
    const first = state.total ? (state.page - 1) * state.size + 1 : 0;
    document.getElementById("jumlah-baris").textContent = state.total ?
      fmt(T.tampil, {dari: n0(first), sampai: n0(first + rows.length - 1), total: n0(state.total)}) : T.kosong;
    document.getElementById("halaman-sebelum").disabled = state.page <= 1;
    document.getElementById("halaman-sesudah").disabled = state.page * state.size >= state.total;
    document.getElementById("pilih-semua").textContent = state.total ? fmt(T.pilih_semua, {n: n0(state.total)}) : "";
    document.getElementById("pilih-halaman").checked = rows.length > 0 && rows.every((p) => picked.has(key(p.kode_prov, p.id)));
    showSelection();
  }

  function pick(p, on) {
    const k = key(p.kode_prov, p.id);
    if (on) { picked.set(k, {kode_prov: p.kode_prov, id: p.id, terpilih: p.terpilih}); } else { picked.delete(k); }
  }

  function showSelection() {
    const bar = document.getElementById("aksi-massal");
    const count = allFiltered ? state.total : picked.size;
    bar.classList.toggle("d-none", count === 0);
    document.getElementById("jumlah-dipilih").textContent = allFiltered ?
      fmt(T.semua_dipilih, {n: n0(count)}) : fmt(T.dipilih, {n: n0(count)});
  }

  function clearSelection() { picked.clear(); allFiltered = false; renderTable(); }

  function reload() { return Promise.all([loadTable(), loadPoints()]); }

  function toggle(p) {
    if (!cfg.aktif) { return; }
    const body = {rumah_tangga: [{kode_prov: p.kode_prov, id: p.id}]};
    if (p.terpilih) {
      request(cfg.urls.hapus, body).then((data) => {
        showTotals(data.program); message(T.dihapus, "success"); reload();
      }).catch(failed);
    } else {
      request(cfg.urls.tambah, body).then((data) => {
        showTotals(data.program);
        message(fmt(T.ditambah, {n: n0(data.ditambah.length)}) + refusedHtml(data.ditolak, T.ditolak),
                data.ditolak.length ? "warning" : "success");
        reload();
      }).catch(failed);
    }
  }

  /* The reasons row under a candidate (stays open when the table is drawn again). */
  function reasonsRow(tr, html) {
    const next = tr.nextElementSibling;
    if (next && next.classList.contains("rincian-baris")) { return; }
    const row = document.createElement("tr");
    row.className = "rincian-baris";
    row.innerHTML = "<td colspan='11' class='small bg-light'>" + html + "</td>";
    tr.after(row);
    tr.querySelector(".rincian-buka").setAttribute("aria-expanded", "true");
  }

  function expand(tr) {
    const k = tr.dataset.key;
    if (opened.has(k)) {
      opened.delete(k);
      const next = tr.nextElementSibling;
      if (next && next.classList.contains("rincian-baris")) { next.remove(); }
      tr.querySelector(".rincian-buka").setAttribute("aria-expanded", "false");
      return;
    }
    const p = rows.find((r) => key(r.kode_prov, r.id) === k);
    request(reasonsUrl(p)).then((d) => {
      opened.set(k, reasonsHtml(d) + " <a href='" + esc(d.url + "?program=" + cfg.programId) + "'>" + esc(T.rincian) + "</a>");
      const current = Array.from(document.querySelectorAll("#kandidat-table tbody tr[data-key]")).find((r) => r.dataset.key === k);
      if (current) { reasonsRow(current, opened.get(k)); }   // the table may have been drawn again meanwhile
    }).catch(failed);
  }

  document.querySelector("#kandidat-table tbody").addEventListener("click", (ev) => {
    const tr = ev.target.closest("tr[data-key]");
    if (!tr) { return; }
    const p = rows.find((r) => key(r.kode_prov, r.id) === tr.dataset.key);
    if (ev.target.classList.contains("pilih")) { pick(p, ev.target.checked); renderTable(); return; }
    if (ev.target.closest(".toggle")) { toggle(p); return; }
    if (ev.target.closest(".rincian-buka")) { expand(tr); return; }
    const m = markers[tr.dataset.key];
    if (m) { map.setView(m.getLatLng(), Math.max(map.getZoom(), 15)); }
  });
  document.querySelectorAll("#kandidat-table th[data-sort]").forEach((th) => th.addEventListener("click", () => {
    const k = th.dataset.sort;
    state.desc = state.sort === k ? !state.desc : ["skor", "kondisi", "kesehatan", "kerentanan", "status"].includes(k);
    state.sort = k;
    state.page = 1;
    loadTable().catch(failed);
  }));
  document.getElementById("halaman-sebelum").addEventListener("click", () => { state.page -= 1; loadTable().catch(failed); });
  document.getElementById("halaman-sesudah").addEventListener("click", () => { state.page += 1; loadTable().catch(failed); });
  document.getElementById("per-halaman").addEventListener("change", (ev) => {
    state.size = Number(ev.target.value); state.page = 1; loadTable().catch(failed);
  });
  document.getElementById("filter-form").addEventListener("change", () => {
    state.page = 1; clearSelection(); reload().catch(failed);
  });
  document.getElementById("filter-form").addEventListener("submit", (ev) => ev.preventDefault());
  document.getElementById("pilih-halaman").addEventListener("change", (ev) => {
    allFiltered = false;
    rows.forEach((p) => pick(p, ev.target.checked));
    renderTable();
  });
  document.getElementById("pilih-semua").addEventListener("click", () => { allFiltered = true; renderTable(); });
  document.getElementById("batal-pilih").addEventListener("click", clearSelection);

  /* ---- bulk actions on the checked households (or on everything the filters keep) ----------- */
  function target() {
    if (allFiltered) { return {semua: filters()}; }
    return {rumah_tangga: Array.from(picked.values()).map((p) => ({kode_prov: p.kode_prov, id: p.id}))};
  }

  /* After a bulk action: totals, how many changed, the ones that did not (by family id and name). */
  function done(data, text, changed, refused, refusedText) {
    showTotals(data.program);
    message(fmt(text, {n: n0(changed.length)}) + refusedHtml(refused, refusedText), refused.length ? "warning" : "success");
    clearSelection();
    reload();
  }

  const bulkForm = document.getElementById("aksi-massal");
  const step = document.getElementById("massal-ke");
  if (step) {
    const verification = () => bulkForm.querySelectorAll(".verifikasi").forEach(
      (el) => el.classList.toggle("d-none", step.value !== "terverifikasi"));
    step.addEventListener("change", verification);
    verification();
    document.getElementById("massal-tambah").addEventListener("click", () => {
      request(cfg.urls.tambah, target()).then((data) => done(data, T.ditambah, data.ditambah, data.ditolak, T.ditolak))
        .catch(failed);
    });
    bulkForm.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const chosen = target();
      const body = Object.assign(chosen.semua ? {kandidat: chosen.semua} : chosen, {
        ke: step.value, alasan: document.getElementById("massal-alasan").value,
        verifikator: document.getElementById("massal-verifikator").value,
        tanggal: document.getElementById("massal-tanggal").value});
      request(cfg.urls.langkah, body).then((data) => done(data, T.diubah, data.diubah, data.gagal, T.gagal_ubah))
        .catch(failed);
    });
  }

  /* ---- drawing: add every eligible household inside, or check the points inside ------------- */
  function inside(point, ring) {
    let hit = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i], [xj, yj] = ring[j];
      if ((yi > point[1]) !== (yj > point[1]) && point[0] < (xj - xi) * (point[1] - yi) / (yj - yi) + xi) { hit = !hit; }
    }
    return hit;
  }

  const confirmBox = document.getElementById("konfirmasi-area");
  map.on("draw:created", (e) => {
    if (pendingArea) { pendingArea.layer.remove(); }
    const geometry = e.layer.toGeoJSON().geometry;
    pendingArea = {layer: e.layer, geometry: geometry};
    request(cfg.urls.pratinjau, {geometry: geometry}).then((d) => {
      let html = fmt(T.konfirmasi_area, {n: n0(d.memenuhi_syarat), biaya: F.rupiah(d.biaya)});
      html += "<br>" + fmt(T.muat, {n: n0(d.muat), biaya: F.rupiah(d.biaya_muat)});
      if (d.tanpa_gps_desa) { html += "<br>" + fmt(T.tanpa_gps, {n: n0(d.tanpa_gps_desa)}); }
      if (d.sudah_terpilih) { html += "<br>" + fmt(T.sudah_terpilih, {n: n0(d.sudah_terpilih)}); }
      const reasons = Object.entries(d.tidak_memenuhi);
      if (reasons.length) { html += "<br>" + T.tidak_memenuhi + " " + reasons.map(([r, n]) => esc(r) + ": " + n0(n)).join("; "); }
      document.getElementById("konfirmasi-teks").innerHTML = html;
      document.getElementById("konfirmasi-ya").disabled = !cfg.aktif || d.muat === 0;
      confirmBox.classList.remove("d-none");
    }).catch(failed);
  });
  function closeArea() {
    confirmBox.classList.add("d-none");
    if (pendingArea) { pendingArea.layer.remove(); pendingArea = null; }
  }
  document.getElementById("konfirmasi-batal").addEventListener("click", closeArea);
  document.getElementById("konfirmasi-pilih").addEventListener("click", () => {
    if (!pendingArea || !points) { return; }
    const rings = pendingArea.geometry.type === "Polygon" ? [pendingArea.geometry.coordinates[0]]
      : pendingArea.geometry.coordinates.map((poly) => poly[0]);
    let count = 0;
    allFiltered = false;
    points.id.forEach((id, i) => {
      if (rings.some((ring) => inside([points.x[i], points.y[i]], ring))) {
        pick({kode_prov: points.prov[i], id: id, terpilih: points.t[i] === 1}, true);
        count += 1;
      }
    });
    closeArea();
    message(fmt(T.dipilih_area, {n: n0(count)}), "info");
    renderTable();
  });
  document.getElementById("konfirmasi-ya").addEventListener("click", () => {
    if (!pendingArea) { return; }
    request(cfg.urls.area, {geometry: pendingArea.geometry}).then((data) => {
      closeArea();
      showTotals(data.program);
      let html = fmt(T.ditambah, {n: n0(data.ditambah.length)});
      if (data.tanpa_gps_desa) { html += " " + fmt(T.tanpa_gps, {n: n0(data.tanpa_gps_desa)}); }
      message(html + refusedHtml(data.ditolak, T.ditolak), data.ditolak.length ? "warning" : "success");
      reload();
    }).catch(failed);
  });

  /* ---- automatic proposal: preview (method, count, cost, left out and why), then apply ------ */
  const panel = document.getElementById("usulan-panel");
  document.getElementById("tombol-usulan").addEventListener("click", () => {
    request(cfg.urls.usulan, {terapkan: false}).then((d) => {
      const left = Object.entries(d.tidak_dipilih);
      panel.innerHTML = fmt(T.usulan, {n: n0(d.jumlah), biaya: F.rupiah(d.biaya), skor: F.number(d.total_skor)}) + "<br>" +
        (d.metode === "greedy" ? T.metode_greedy : T.metode_ilp) + "<br>" + T.tidak_dipilih + " " +
        (left.length ? left.map(([r, n]) => esc(r) + ": " + n0(n)).join("; ") : T.tidak_ada) +
        (d.jumlah ? "<br><button type='button' class='btn btn-sm btn-primary mt-2 btn-sentuh' id='terapkan-usulan'>" + T.terapkan + "</button>" : "");
      panel.classList.remove("d-none");
      const apply = document.getElementById("terapkan-usulan");
      if (apply) {
        apply.addEventListener("click", () => request(cfg.urls.usulan, {terapkan: true}).then((res) => {
          panel.classList.add("d-none");
          showTotals(res.program);
          message(fmt(T.ditambah, {n: n0(res.ditambah.length)}) + refusedHtml(res.ditolak, T.ditolak), "success");
          reload();
        }).catch(failed));
      }
    }).catch(failed);
  });

  // Village outlines for orientation (whole villages inside a drawn area bring their non-GPS households).
  fetch(cfg.urls.desa, {credentials: "same-origin"}).then((r) => r.json()).then((gj) => {
    L.geoJSON(gj, {interactive: false, style: {color: "#555", weight: 1, fill: false}}).addTo(map).bringToBack();
  }).catch(() => null);

  window.SasaranSeleksi = {markers: () => markers, map: map, reload: reload, picked: () => picked, rows: () => rows,
                           openPopup: openPopup};
  // The first page of the table comes with the page (no request before it shows); the map's points
  // follow. A browser that restored filter values into the form asks for the page they select.
  if (Object.keys(filters()).length) {
    reload().catch(failed);
  } else {
    showPage(cfg.halamanPertama);
    loadPoints().catch(failed);
  }
})();
