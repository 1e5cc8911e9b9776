/* Map controls in the page's language (see webgis/map_texts.py).
   Leaflet.draw reads L.drawLocal; Leaflet's zoom buttons and popup close button, and leaflet-measure
   (its npm build has English texts compiled in), are translated in the map's DOM as they appear
   (whole texts, a title or aria-label attribute, or the word after a number, as in
   "1.234 meter Perimeter"). */
(function () {
  "use strict";
  var S = window.Sasaran = window.Sasaran || {};

  function translateNode(root, texts) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, null);
    var node;
    while ((node = walker.nextNode())) {
      var text = node.nodeValue, trimmed = text.trim();
      if (!trimmed) { continue; }
      if (Object.prototype.hasOwnProperty.call(texts, trimmed)) {
        node.nodeValue = text.replace(trimmed, texts[trimmed]);
        continue;
      }
      Object.keys(texts).forEach(function (english) {
        var suffix = " " + english;
        if (node.nodeValue.trim().slice(-suffix.length) === suffix) {
          node.nodeValue = node.nodeValue.replace(new RegExp(suffix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "(\\s*)$"),
                                                  " " + texts[english] + "$1");
        }
      });
    }
    var labelled = [root].concat(Array.prototype.slice.call(root.querySelectorAll("[title], [aria-label]")));
    labelled.forEach(function (el) {
      ["title", "aria-label"].forEach(function (name) {
        var value = el.getAttribute(name);
        if (value !== null && Object.prototype.hasOwnProperty.call(texts, value)) { el.setAttribute(name, texts[value]); }
      });
    });
  }

  var TRANSLATED = ".leaflet-control-zoom, .leaflet-popup-close-button, .leaflet-control-measure, " +
                   ".leaflet-measure-resultpopup";

  S.controlTexts = function (map, drawLocal, englishTexts) {
    if (window.L && L.drawLocal) { L.drawLocal = drawLocal; }
    var container = map.getContainer();
    function translate() {
      container.querySelectorAll(TRANSLATED).forEach(function (el) { translateNode(el, englishTexts); });
    }
    new MutationObserver(translate).observe(container, {childList: true, subtree: true, characterData: false});
    map.whenReady(translate);
  };
})();
