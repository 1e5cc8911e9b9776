/* Map controls in the page's language (see webgis/map_texts.py).
   Leaflet.draw reads L.drawLocal; leaflet-measure's npm build has English texts compiled in, so
   they are replaced in its control and popups as they appear (whole texts, a title attribute, or
   the word after a number, as in "1.234 meter Perimeter"). */
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
    Array.prototype.forEach.call(root.querySelectorAll ? root.querySelectorAll("[title]") : [], function (el) {
      var title = el.getAttribute("title");
      if (Object.prototype.hasOwnProperty.call(texts, title)) { el.setAttribute("title", texts[title]); }
    });
  }

  S.controlTexts = function (map, drawLocal, measureTexts) {
    if (window.L && L.drawLocal) { L.drawLocal = drawLocal; }
    var container = map.getContainer();
    function translateMeasure() {
      container.querySelectorAll(".leaflet-control-measure, .leaflet-measure-resultpopup").forEach(function (el) {
        translateNode(el, measureTexts);
      });
    }
    new MutationObserver(translateMeasure).observe(container, {childList: true, subtree: true, characterData: false});
    map.whenReady(translateMeasure);
  };
})();
