// Impor Data: poll the background import and show its progress, then its summary.
(function () {
  const box = document.getElementById("import-job");
  if (!box) return;
  const labels = JSON.parse(document.getElementById("import-labels").textContent);
  const reasonWords = JSON.parse(document.getElementById("import-reasons").textContent);
  const bar = document.getElementById("job-bar");
  const show = (id, visible) => document.getElementById(id).classList.toggle("d-none", !visible);
  const text = (id, value) => { document.getElementById(id).textContent = value; };

  function render(state) {
    text("job-file", state.nama_file || "");
    text("job-phase", labels[state.status === "berjalan" ? state.fase : state.status] || state.fase);
    const percent = Math.round(state.persen || 0);
    bar.style.width = percent + "%";
    bar.textContent = percent + "%";
    bar.parentElement.setAttribute("aria-valuenow", percent);
    if (state.status === "pemetaan") {   // values no entry matched: the user maps them first
      window.location.assign(box.dataset.valuesUrl);
      return false;
    }
    if (state.status === "gagal") {
      bar.classList.remove("progress-bar-animated");
      bar.classList.add("bg-danger");
      text("job-error", state.galat || "");
      show("job-error", true);
    }
    if (state.status === "selesai") {
      bar.classList.remove("progress-bar-animated", "progress-bar-striped");
      bar.classList.add("bg-success");
      const counts = state.hasil || {};
      ["baris", "ditambah", "diubah", "tetap", "dinonaktifkan", "ditolak", "peringatan"].forEach(
        (key) => text("n-" + key, window.SasaranFormat.number(counts[key] || 0, 0)));
      const reasons = document.getElementById("job-reasons");
      reasons.replaceChildren(...Object.entries(counts.per_alasan || {}).map(([code, n]) => {
        const item = document.createElement("li");
        item.textContent = (reasonWords[code] ? reasonWords[code] + " (" + code + ")" : code) + ": " +
          window.SasaranFormat.number(n, 0);
        return item;
      }));
      document.getElementById("job-notes").replaceChildren(...(counts.catatan || []).map((note) => {
        const item = document.createElement("li");
        item.textContent = note;
        return item;
      }));
      const matching = (counts.rincian || {}).cocok;   // a recipient list: rows per way of matching
      if (matching) {
        document.getElementById("job-matching-list").replaceChildren(...Object.entries(matching).map(([way, n]) => {
          const item = document.createElement("li");
          item.textContent = (labels["cocok_" + way] || way) + ": " + n.toLocaleString();
          return item;
        }));
        show("job-matching", true);
      }
      show("job-dry-run", !!state.uji_coba);
      if (counts.ditolak || counts.peringatan) {
        const template = box.dataset.reportUrl.replace("/0/", "/" + state.impor_id + "/");
        document.getElementById("report-csv").href = template.replace("FMT", "csv");
        document.getElementById("report-xlsx").href = template.replace("FMT", "xlsx");
        show("job-report", true);
      }
      show("job-summary", true);
    }
    return state.status === "berjalan";
  }

  async function poll() {
    try {
      const response = await fetch(box.dataset.statusUrl, {headers: {Accept: "application/json"}});
      if (response.ok && !render(await response.json())) return;
    } catch (error) { /* keep polling: the server may be busy */ }
    setTimeout(poll, 700);
  }
  poll();
})();
