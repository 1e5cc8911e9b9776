/* One number format and one clock in the browser (issue #19), the same as the server's
   spatial/formatting.py: numbers in the page's language (1.856 / 23,4 or 1,856 / 23.4), times in the
   office's time zone with its label (WIB, WITA, WIT). Configured by base.html (#sasaran-format). */
(function () {
  "use strict";
  const node = document.getElementById("sasaran-format");
  const cfg = node ? JSON.parse(node.textContent) : {locale: "id-ID", timezone: "Asia/Jakarta", zona: "WIB"};
  const numbers = {};

  function number(value, digits) {
    if (value === null || value === undefined || value === "" || isNaN(value)) { return "–"; }
    const d = digits === undefined ? 1 : digits;
    if (!numbers[d]) {
      numbers[d] = new Intl.NumberFormat(cfg.locale, {minimumFractionDigits: 0, maximumFractionDigits: d});
    }
    return numbers[d].format(Number(value));
  }

  const moments = new Intl.DateTimeFormat(cfg.locale, {dateStyle: "medium", timeStyle: "short", timeZone: cfg.timezone});
  const dates = new Intl.DateTimeFormat(cfg.locale, {dateStyle: "medium", timeZone: cfg.timezone});

  window.SasaranFormat = {
    number: number,
    /* An amount of money: Rp 20.000.000. */
    rupiah: (value) => "Rp " + number(value, 0),
    /* A moment (ISO 8601 text or Date) in the office's zone with its label: 5 Des 2026, 13.09 WIB. */
    moment: (value) => value ? moments.format(new Date(value)) + " " + cfg.zona : "–",
    /* A calendar date: 5 Des 2026. */
    date: (value) => value ? dates.format(new Date(value)) : "–",
    locale: cfg.locale,
  };
})();
