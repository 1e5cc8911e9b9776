/* The navigation collapses behind a menu button on narrow screens (phones, issue #19). Bootstrap's
   own collapse script is not loaded on every page (folium pages bring theirs), so this small one
   opens and closes it. */
(function () {
  "use strict";
  const button = document.getElementById("menu-tombol");
  const menu = document.getElementById("nav-utama");
  if (!button || !menu) { return; }
  button.addEventListener("click", () => {
    const open = menu.classList.toggle("show");
    button.setAttribute("aria-expanded", open ? "true" : "false");
  });
})();
