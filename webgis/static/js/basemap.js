/* Sasaran basemap and context labels, on every map page.

   Sasaran.basemap(map, candidates): the first candidate that works, in the server's fallback order
   (local file -> configured tile URL -> OpenStreetMap online). A vector file is drawn by
   protomaps-leaflet; raster tiles by L.tileLayer. An online candidate whose first tiles all fail
   (no internet) is removed and the next one tried; after the last, the map keeps only the app's own
   context layers and the container gets the class "sasaran-tanpa-peta-dasar". The basemap's names
   of towns and villages give way to the app's own labels while those are shown.

   Sasaran.labelLayer(features): names of villages and kecamatan as a layer of DOM labels placed
   without overlap: kecamatan first, then villages from the largest; a label is shown only when it
   fits inside its polygon's largest inscribed circle (properties label = [lon, lat], label_r in
   degrees, from the server) at the current zoom, and does not touch a label already placed. */
(function () {
  "use strict";
  var S = window.Sasaran = window.Sasaran || {};
  var FAILURES_BEFORE_NEXT = 3;

  S.basemap = function (map, candidates) {
    var index = -1, layer = null;
    function next() {
      if (layer) { map.removeLayer(layer); layer = null; }
      index += 1;
      var c = candidates[index];
      if (!c) {
        map.getContainer().classList.add("sasaran-tanpa-peta-dasar");
        map.fire("sasaran:petadasar", {layer: null});
        return;
      }
      if (c.kind === "vector") {
        layer = window.protomapsL.leafletLayer({url: c.url, flavor: "light", lang: c.lang || "id",
          maxDataZoom: c.maxZoom, attribution: c.attribution});
        placeNamesFollowAppLabels(map, layer);
      } else {
        layer = L.tileLayer(c.url, {maxNativeZoom: c.maxZoom, maxZoom: 20, minZoom: 0, attribution: c.attribution,
          bounds: c.bounds ? [[c.bounds[1], c.bounds[0]], [c.bounds[3], c.bounds[2]]] : undefined});
      }
      if (c.online) {
        var loaded = 0, failed = 0, candidate = layer;
        layer.on("tileload", function () { loaded += 1; });
        layer.on("tileerror", function () {
          failed += 1;
          if (candidate === layer && !loaded && failed >= FAILURES_BEFORE_NEXT) { next(); }
        });
      }
      layer.addTo(map);
      if (layer.bringToBack) { layer.bringToBack(); }
      map.getContainer().classList.remove("sasaran-tanpa-peta-dasar");
      map.fire("sasaran:petadasar", {layer: layer});
    }
    next();
    S.basemapLayer = function () { return layer; };
  };

  /* The basemap's own names of towns and villages (layer "places", kinds other than country and
     region) repeat, faintly and under the choropleth, the names the app draws itself: they are left
     out while an app label layer (Sasaran.LabelLayer) is on the map and come back when the user
     switches it off. Roads, water and region names stay. */
  var WIDE_PLACES = {country: true, region: true};
  function placeNamesFollowAppLabels(map, layer) {
    var hidden = false;
    (layer.labelRules || []).forEach(function (rule) {
      if (rule.dataLayer !== "places") { return; }
      var own = rule.filter;
      rule.filter = function (z, feature) {
        if (hidden && !WIDE_PLACES[feature.props.kind]) { return false; }
        return own ? own(z, feature) : true;
      };
    });
    function follow() {
      var hide = (map._sasaranAppLabels || 0) > 0;
      if (hide === hidden) { return; }
      hidden = hide;
      if (map.hasLayer(layer)) { layer.clearLayout(); layer.rerenderTiles(); }
    }
    hidden = (map._sasaranAppLabels || 0) > 0;
    map.on("sasaran:labelaplikasi", follow);
    layer.on("remove", function () { map.off("sasaran:labelaplikasi", follow); });
  }

  /* ---- labels ------------------------------------------------------------------------------- */
  var measureCanvas = null;
  function textWidth(text, font) {
    measureCanvas = measureCanvas || document.createElement("canvas");
    var ctx = measureCanvas.getContext("2d");
    ctx.font = font;
    return ctx.measureText(text).width;
  }

  function overlaps(a, b) {
    return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
  }

  /* items: [{text, lon, lat, r (degrees), kind: "kecamatan"|"desa", priority}] */
  S.LabelLayer = L.Layer.extend({
    initialize: function (items) {
      this._items = items.slice().sort(function (a, b) {
        return (a.kind === b.kind ? 0 : a.kind === "kecamatan" ? -1 : 1) || b.r - a.r;
      });
    },
    onAdd: function (map) {
      if (!map.getPane("labelPeta")) {
        var pane = map.createPane("labelPeta");
        pane.style.zIndex = 620;          /* above polygons and markers, below popups */
        pane.style.pointerEvents = "none";
      }
      this._container = L.DomUtil.create("div", "sasaran-labels", map.getPane("labelPeta"));
      map.on("zoomend moveend resize", this._place, this);
      this._place();
      map._sasaranAppLabels = (map._sasaranAppLabels || 0) + 1;
      map.fire("sasaran:labelaplikasi");
    },
    onRemove: function (map) {
      map.off("zoomend moveend resize", this._place, this);
      L.DomUtil.remove(this._container);
      map._sasaranAppLabels -= 1;
      map.fire("sasaran:labelaplikasi");
    },
    _place: function () {
      var map = this._map, placed = [], html = [], size = map.getSize();
      var view = {x0: -50, y0: -50, x1: size.x + 50, y1: size.y + 50};
      this._items.forEach(function (item) {
        var font = item.kind === "kecamatan" ? "bold 13px sans-serif" : "11px sans-serif";
        var centre = map.latLngToContainerPoint([item.lat, item.lon]);
        var edge = map.latLngToContainerPoint([item.lat, item.lon + item.r]);
        var room = 2 * Math.abs(edge.x - centre.x);
        var w = textWidth(item.text, font) + 6, h = item.kind === "kecamatan" ? 18 : 15;
        if (w > room * (item.kind === "kecamatan" ? 1.6 : 1.15)) { return; }   /* does not fit its area yet */
        var box = {x0: centre.x - w / 2, y0: centre.y - h / 2, x1: centre.x + w / 2, y1: centre.y + h / 2};
        if (!overlaps(box, view) || placed.some(function (b) { return overlaps(b, box); })) { return; }
        placed.push(box);
        var point = map.containerPointToLayerPoint([box.x0, box.y0]);
        html.push('<div class="sasaran-label sasaran-label-' + item.kind + '" style="left:' + Math.round(point.x) +
                  "px;top:" + Math.round(point.y) + "px;width:" + Math.ceil(w) + 'px">' + S.escText(item.text) + "</div>");
      });
      this._container.innerHTML = html.join("");
    }
  });

  S.escText = function (value) {
    return String(value === null || value === undefined ? "" : value).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  };

  /* Label items of a village or kecamatan FeatureCollection (properties nama, label, label_r). */
  S.labelItems = function (geojson, kind) {
    return ((geojson && geojson.features) || []).filter(function (f) {
      return f.properties && f.properties.label;
    }).map(function (f) {
      var p = f.properties;
      return {text: kind === "kecamatan" ? String(p.nama).toUpperCase() : p.nama, lon: p.label[0], lat: p.label[1],
              r: p.label_r || 0, kind: kind};
    });
  };
})();
