/* Daftar penerima (issue #19): check households (one by one, or everything the filter shows) and
   move them in one step with one reason; the answer lists the households that could not move by
   family id and name. The result stays on screen after the list reloads. */
(function () {
  "use strict";
  const cfg = JSON.parse(document.getElementById("daftar-config").textContent);
  const T = cfg.texts;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const form = document.getElementById("langkah-form");
  const all = document.getElementById("pilih-halaman");
  const boxes = Array.from(document.querySelectorAll("#daftar-table input.pilih"));
  const fmt = (text, values) => text.replace(/%\((\w+)\)s/g, (_m, name) => values[name]);
  const number = (n) => window.SasaranFormat.number(n, 0);
  const esc = (text) => String(text).replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
  const RESULT = "sasaran-langkah-" + location.pathname;

  function chosen() { return boxes.filter((b) => b.checked).map((b) => Number(b.value)); }

  function count() {
    const n = chosen().length;
    const text = all.checked && n === boxes.length ? fmt(T.semua, {n: number(n)}) : fmt(T.dipilih, {n: number(n)});
    document.getElementById("jumlah-dipilih").textContent = text;
    const bar = document.getElementById("jumlah-bar");
    if (bar) { bar.textContent = text; }
    if (form) { form.classList.toggle("tanpa-pilihan", n === 0); }
    boxes.forEach((b) => b.closest("tr").classList.toggle("table-active", b.checked));
  }

  function showResult(html, kind) {
    const box = document.getElementById("hasil-langkah");
    box.className = "small alert alert-" + kind;
    box.innerHTML = html;
    box.scrollIntoView({block: "nearest"});
  }

  function resultHtml(data) {
    let html = fmt(T.diubah, {n: number(data.diubah.length)});
    if (data.gagal.length) {
      html += "<br>" + fmt(T.gagal, {n: number(data.gagal.length)}) + "<ul class='mb-0'>" + data.gagal.map((g) =>
        "<li><span class='kode'>" + esc(g.id_keluarga || "#" + g.seleksi_id) + "</span>" +
        (g.nama_kepala ? " · " + esc(g.nama_kepala) : "") + ": " + esc(g.alasan) + "</li>").join("") + "</ul>";
    }
    return html;
  }

  all.addEventListener("change", () => { boxes.forEach((b) => { b.checked = all.checked; }); count(); });
  boxes.forEach((b) => b.addEventListener("change", () => { all.checked = chosen().length === boxes.length; count(); }));

  if (form) {
    const step = document.getElementById("ke");
    const verification = () => form.querySelectorAll(".verifikasi").forEach(
      (el) => el.classList.toggle("d-none", step.value !== "terverifikasi"));
    step.addEventListener("change", verification);
    verification();
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const ids = chosen();
      if (!ids.length) { showResult(esc(T.pilih_dulu), "warning"); return; }
      const body = {ke: step.value, alasan: form.alasan.value, verifikator: form.verifikator.value,
                    tanggal: form.tanggal.value};
      if (all.checked && ids.length === boxes.length) { body.semua = cfg.filter; } else { body.seleksi = ids; }
      const button = document.getElementById("terapkan-langkah");
      button.disabled = true;
      fetch(cfg.urls.langkah, {method: "POST", credentials: "same-origin",
        headers: {"Content-Type": "application/json", "X-CSRFToken": csrf}, body: JSON.stringify(body)})
        .then((r) => r.json().then((data) => {
          if (!r.ok) { throw new Error(data.error || T.gagal_kirim); }
          sessionStorage.setItem(RESULT, JSON.stringify({html: resultHtml(data), kind: data.gagal.length ? "warning" : "success"}));
          location.reload();
        }))
        .catch((e) => { button.disabled = false; showResult(esc(e.message), "danger"); });
    });
    document.getElementById("formulir-dipilih").addEventListener("click", () => {
      const ids = chosen();
      if (!ids.length) { showResult(esc(T.pilih_dulu), "warning"); return; }
      const post = document.getElementById("formulir-dipilih-form");
      post.querySelectorAll("input[name=seleksi]").forEach((i) => i.remove());
      ids.forEach((id) => {
        const input = document.createElement("input");
        input.type = "hidden"; input.name = "seleksi"; input.value = id;
        post.appendChild(input);
      });
      post.submit();
    });
  }
  const kept = sessionStorage.getItem(RESULT);
  if (kept) {
    sessionStorage.removeItem(RESULT);
    const result = JSON.parse(kept);
    showResult(result.html, result.kind);
  }
  count();
})();
