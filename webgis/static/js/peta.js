/* Sasaran maps: choropleth with indicator selector and classed legend, JSON layers, village
   search, household look-up on click (VectorGrid's canvas clicks are unreliable on Leaflet 1.8+).
   Reads its configuration from <script id="sasaran-config" type="application/json">. */
(function () {
  "use strict";
  var S = window.Sasaran = window.Sasaran || {};
  var cfgNode = document.getElementById("sasaran-config");
  S.config = cfgNode ? JSON.parse(cfgNode.textContent) : {};

  var DESIL_COLOURS = ["#67000d", "#a50f15", "#d7301f", "#ef6548", "#fc8d59", "#fdbb84",
                       "#c6dbef", "#9ecae1", "#6baed6", "#3182bd"];
  var FACILITY_COLOURS = {air: "#1f78b4", sanitasi: "#6a3d9a", kesehatan: "#e31a1c", pendidikan: "#33a02c"};

  function esc(value) {
    return String(value === null || value === undefined ? "" : value).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }
  S.esc = esc;

  /* Numbers in the user's language: 1.234,5 (id) or 1,234.5 (en), through the one formatter. */
  S.fmt = function (value, digits) { return window.SasaranFormat.number(value, digits); };

  S.desilColour = function (desil) { return DESIL_COLOURS[(desil || 10) - 1] || "#999"; };

  /* Options of folium's VectorGridProtobuf for the household tiles (given as JavaScript so that
     folium does not camel-case anything). Points for permitted roles, grid cells otherwise. */
  S.householdTileOptions = function () {
    var map = window[S.config.map];
    if (map && !map.getPane("rumahTangga")) {
      var pane = map.createPane("rumahTangga");
      pane.style.zIndex = 450;            /* above the village polygons */
      pane.style.pointerEvents = "none";  /* clicks go to the map: see enableHouseholdClicks */
    }
    return {
      rendererFactory: L.canvas.tile, interactive: false, maxNativeZoom: 18, maxZoom: 20, pane: "rumahTangga",
      vectorTileLayerStyles: {
        rumah_tangga: function (p) {
          return {radius: 4, weight: 1, color: "#333", fill: true, fillOpacity: 0.9,
                  fillColor: S.desilColour(p.desil)};
        },
        agregat: function (p) {
          var share = p.persen_desil12;  /* absent when suppressed (k-anonymity): grey */
          var colour = share === undefined || share === null ? "#bdbdbd" : share >= 40 ? "#bd0026" :
                       share >= 30 ? "#f03b20" : share >= 20 ? "#fd8d3c" : share >= 10 ? "#fecc5c" : "#ffffb2";
          return {weight: 0.5, color: "#555", fill: true, fillColor: colour, fillOpacity: 0.6};
        }
      }
    };
  };

  var fetched = {};
  /* GET JSON once per page and URL (a layer and its labels share one download); null on failure. */
  function getJSON(url) {
    if (!fetched[url]) {
      fetched[url] = fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (r) { return r.ok ? r.json() : null; })
        .catch(function () { return null; });
    }
    return fetched[url];
  }
  S.getJSON = getJSON;

  /* Popup of an analysis/area feature: translated property names and coded values. */
  function propertiesTable(props) {
    var names = S.config.propertyLabels || {}, codes = S.config.valueLabels || {};
    var rows = Object.keys(props || {}).filter(function (k) {
      return props[k] !== null && typeof props[k] !== "object";
    }).map(function (k) {
      var v = typeof props[k] === "number" ? S.fmt(props[k], 2) : (codes[props[k]] || props[k]);
      return "<tr><th>" + esc(names[k] || k.replace(/_/g, " ")) + "</th><td>" + esc(v) + "</td></tr>";
    });
    return '<table class="table table-sm mb-0 popup-table">' + rows.join("") + "</table>";
  }

  /* ---- choropleth --------------------------------------------------------------------- */
  function classIndex(breaks, value) {
    for (var i = 0; i < breaks.length; i++) { if (value <= breaks[i]) { return i; } }
    return breaks.length - 1;
  }

  function colourFor(spec, value, noData) {
    if (value === null || value === undefined || !spec.breaks.length) { return noData; }
    return spec.colours[classIndex(spec.breaks, value)];
  }
  S.colourFor = colourFor;

  /* Average of each kabupaten shown (one line per kabupaten; its name when there are several). */
  function averagesHtml(spec, names) {
    var t = S.config.texts, codes = Object.keys(spec.kabupaten || {}).filter(function (c) {
      return spec.kabupaten[c] !== null && spec.kabupaten[c] !== undefined; });
    if (!codes.length) { return ""; }
    if (codes.length === 1) {
      return '<div class="small mt-1 legend-average" data-kab="' + esc(codes[0]) + '">' + esc(t.kabupaten) +
        ": <b>" + S.fmt(spec.kabupaten[codes[0]]) + esc(spec.satuan) + "</b></div>";
    }
    return '<div class="small mt-1">' + esc(t.kabupaten) + ":</div>" + codes.map(function (c) {
      return '<div class="small legend-average" data-kab="' + esc(c) + '">' + esc((names || {})[c] || c) +
        ": <b>" + S.fmt(spec.kabupaten[c]) + esc(spec.satuan) + "</b></div>";
    }).join("");
  }

  function legendHtml(spec, noData, title, names) {
    var t = S.config.texts, html = ['<div class="legend-title">' + esc(title) +
      (spec.satuan ? " (" + esc(spec.satuan) + ")" : "") + "</div>"];
    if (!spec.breaks.length) {
      html.push('<div class="small text-muted">' + esc(t.belum_tersedia) + "</div>");
    }
    var lower = null;
    spec.breaks.forEach(function (upper, i) {
      var range = lower === null ? "≤ " + S.fmt(upper) : S.fmt(lower) + " – " + S.fmt(upper);
      html.push('<div class="legend-row"><span class="legend-swatch" style="background:' + spec.colours[i] +
                '"></span><span class="legend-range">' + range + "</span></div>");
      lower = upper;
    });
    html.push('<div class="legend-row"><span class="legend-swatch" style="background:' + noData +
              '"></span><span>' + esc(t.tidak_ada_data) + "</span></div>");
    html.push(averagesHtml(spec, names));
    return html.join("");
  }

  function villagePopup(props, spec, value, kab) {
    var t = S.config.texts, average = (spec.kabupaten || {})[kab];
    return "<b>" + esc(props.nama) + "</b><br>" + esc(t.kode) + ": " + esc(props.kode_desa) + "<br>" +
      esc(t.kecamatan) + ": " + esc(props.nama_kec) + "<br>" + esc(spec.label) + ": <b>" +
      S.fmt(value) + esc(value === null || value === undefined ? "" : spec.satuan) + "</b><br>" +
      (average === null || average === undefined ? "" : '<span class="popup-average">' + esc(t.kabupaten) + ": " +
        S.fmt(average) + esc(spec.satuan) + "</span><br>") +
      '<a href="' + esc(S.config.profileUrl.replace("KODE", props.kode_desa)) + '">' + esc(t.profil) + " →</a>";
  }

  function Choropleth(map, group, villages, payload) {
    this.map = map; this.payload = payload; this.byCode = {};
    var self = this;
    this.layer = L.geoJSON(villages, {
      style: {weight: 0.8, color: "#4d5d6c", fillOpacity: 0.7, className: "desa-poly"},
      onEachFeature: function (feature, layer) {
        self.byCode[feature.properties.kode_desa] = layer;
        layer.on("mouseover", function () { layer.setStyle({weight: 3, color: "#e67e22"}); });
        layer.on("mouseout", function () { layer.setStyle({weight: 0.8, color: "#4d5d6c"}); });
      }
    }).addTo(group);
    this.legend = L.control({position: "bottomright"});
    this.legend.onAdd = function () {
      var div = L.DomUtil.create("div", "sasaran-legend leaflet-bar");
      L.DomEvent.disableClickPropagation(div);
      return div;
    };
    this.legend.addTo(map);
    /* Lighter fill at street zoom so that household points and the basemap stay readable. */
    map.on("zoomend", function () { self.layer.setStyle({fillOpacity: map.getZoom() >= 13 ? 0.35 : 0.7}); });
  }

  Choropleth.prototype.show = function (key) {
    var spec = this.payload.indicators[key], data = this.payload.desa, noData = this.payload.no_data;
    this.key = key;
    this.layer.eachLayer(function (layer) {
      var props = layer.feature.properties, row = data[props.kode_desa] || {}, value = row[key];
      var colour = colourFor(spec, value, noData);
      layer.setStyle({fillColor: colour});
      if (layer._path) { layer._path.setAttribute("data-colour", colour); }
      var tip = "<b>" + esc(props.nama) + "</b><br>" + esc(spec.label) + ": " + S.fmt(value) +
                esc(value === null || value === undefined ? "" : spec.satuan);
      layer.bindTooltip(tip, {sticky: true});
      layer.bindPopup(villagePopup(props, spec, value, row.kode_kab));
    });
    this.renderLegend();
  };

  Choropleth.prototype.renderLegend = function () {
    var spec = this.payload.indicators[this.key], container = this.legend.getContainer();
    container.innerHTML = legendHtml(spec, this.payload.no_data, spec.label, this.payload.kabupaten) +
      (this.extraLegend ? this.extraLegend() : "");
    container.setAttribute("data-indicator", this.key);
  };

  /* Legend of the household layer: desil colours of the points, or the grid-cell classes. */
  function householdLegendHtml(points) {
    var t = S.config.texts, rows = [];
    if (points) {
      for (var d = 1; d <= 10; d++) {
        rows.push('<span class="legend-swatch legend-dot" style="background:' + S.desilColour(d) + '"></span>' + d);
      }
      return '<div class="legend-title mt-2">' + esc(S.config.labels.rumah_tangga) + " · " + esc(t.desil) +
             '</div><div class="legend-desil">' + rows.join(" ") + "</div>";
    }
    [[0, 10, "#ffffb2"], [10, 20, "#fecc5c"], [20, 30, "#fd8d3c"], [30, 40, "#f03b20"], [40, 100, "#bd0026"]]
      .forEach(function (c) {
        rows.push('<div class="legend-row"><span class="legend-swatch" style="background:' + c[2] + '"></span>' +
                  S.fmt(c[0], 0) + " – " + S.fmt(c[1], 0) + "%</div>");
      });
    return '<div class="legend-title mt-2">' + esc(t.agregat) + ": " + esc(t.persen_desil12) + "</div>" + rows.join("");
  }

  /* Legend rows of the analysis/area layers that are switched on, in their map colours. */
  function overlayLegendHtml(map, groups) {
    return ["kantong", "hotspot", "celah", "lokasi", "kawasan"].filter(function (key) {
      return groups[key] && map.hasLayer(groups[key]);
    }).map(function (key) {
      var st = LAYER_STYLES[key];
      return '<div class="legend-row"><span class="legend-swatch" style="background:' + st.fillColor +
             ";border-color:" + st.color + '"></span>' + esc(S.config.labels[key]) + "</div>";
    }).join("");
  }

  /* ---- other layers --------------------------------------------------------------------- */
  var LAYER_STYLES = {
    /* kecamatan outlines stronger than the village outlines (0.8 px), readable without a basemap */
    kecamatan: {color: "#1a1a1a", weight: 2.6, opacity: 0.9, fill: false, interactive: false},
    kantong: {color: "#7a0177", weight: 2, fillColor: "#c51b8a", fillOpacity: 0.25},
    hotspot: {color: "#b10026", weight: 1, fillColor: "#d7301f", fillOpacity: 0.35},
    celah: {color: "#08519c", weight: 2, fillColor: "#3182bd", fillOpacity: 0.3},
    lokasi: {color: "#006d2c", weight: 2, fillColor: "#31a354", fillOpacity: 0.8},
    kawasan: {color: "#ff7f00", weight: 3, fillColor: "#fdbf6f", fillOpacity: 0.2}
  };

  var HOTSPOT_CLASSES = {panas: "#d7301f", dingin: "#2b8cbe"};

  function styleOf(key, feature) {
    var style = LAYER_STYLES[key], kelas = feature && feature.properties && feature.properties.kelas;
    if (key === "hotspot" && HOTSPOT_CLASSES[kelas]) {
      return L.extend({}, style, {color: HOTSPOT_CLASSES[kelas], fillColor: HOTSPOT_CLASSES[kelas]});
    }
    return style;
  }

  function jsonLayer(key, data, group) {
    L.geoJSON(data, {
      /* Gi* cells that are not significant are not hot or cold spots: not drawn. */
      filter: function (feature) { return !(key === "hotspot" && feature.properties.kelas === "tidak_signifikan"); },
      style: function (feature) { return styleOf(key, feature); },
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, L.extend({radius: 6}, styleOf(key, feature)));
      },
      onEachFeature: function (feature, layer) {
        if (key !== "kecamatan") { layer.bindPopup(propertiesTable(feature.properties)); }
      }
    }).addTo(group);
  }

  function facilityIcon(group) {
    return L.divIcon({
      className: "facility-icon facility-" + group,
      html: '<i class="fa-solid ' + S.config.facilityGroups[group] + '" style="color:' +
            FACILITY_COLOURS[group] + '"></i>',
      iconSize: [22, 22], iconAnchor: [11, 11]
    });
  }

  function facilityLayers(data, groups) {
    var t = S.config.texts;
    (data.features || []).forEach(function (feature) {
      var p = feature.properties, group = S.config.facilityTypes[p.jenis];
      var target = groups["fasilitas_" + group];
      if (!target) { return; }
      var c = feature.geometry.coordinates;
      L.marker([c[1], c[0]], {icon: facilityIcon(group), title: p.nama})
        .bindPopup("<b>" + esc(p.nama) + "</b><br>" + esc(t.jenis) + ": " + esc(t.jenis_fasilitas[p.jenis] || p.jenis) +
                   "<br>" + esc(t.kondisi) + ": " + esc(p.kondisi) + "<br>" + esc(t.desa) + ": " + esc(p.nama_desa) +
                   (p.kapasitas_kk ? "<br>" + esc(t.kapasitas) + ": " + S.fmt(p.kapasitas_kk, 0) : ""))
        .addTo(target);
    });
  }
  S.facilityLayers = facilityLayers;

  /* Legend of a village map: the outline and the facility icons. */
  S.facilityLegend = function (map, villageName) {
    var legend = L.control({position: "bottomright"});
    legend.onAdd = function () {
      var div = L.DomUtil.create("div", "sasaran-legend leaflet-bar");
      div.innerHTML = '<div class="legend-row"><span class="legend-swatch" style="background:#fdd0a2;' +
        'border:2px solid #e6550d"></span>' + esc(villageName) + "</div>" +
        Object.keys(S.config.facilityGroups).map(function (group) {
          return '<div class="legend-row"><span class="facility-icon facility-legend">' +
                 facilityIcon(group).options.html + "</span>" + esc(S.config.labels["fasilitas_" + group]) + "</div>";
        }).join("");
      return div;
    };
    legend.addTo(map);
  };

  /* ---- household look-up ---------------------------------------------------------------- */
  function householdPopup(h) {
    var t = S.config.texts;
    var rows = [[t.id_keluarga, h.id_keluarga], [t.nama, h.nama_kepala], [t.nik, h.nik_kepala],
                [t.alamat, h.alamat], [t.desa, h.nama_desa], [t.desil, h.desil],
                [t.anggota, h.jumlah_anggota], [t.skor, h.skor === null ? null : S.fmt(h.skor, 2)],
                [t.alasan_skor, h.alasan_skor]];
    return '<div class="household-popup"><table class="table table-sm mb-0 popup-table">' + rows.filter(function (r) {
      return r[1] !== null && r[1] !== undefined && r[1] !== "";
    }).map(function (r) { return "<tr><th>" + esc(r[0]) + "</th><td>" + esc(r[1]) + "</td></tr>"; }).join("") +
      "</table>" + (h.url ? '<a class="small" href="' + esc(h.url) + '">' + esc(t.rincian) + "</a>" : "") + "</div>";
  }

  function enableHouseholdClicks(map, householdsLayer) {
    if (!S.config.nearest) { return; }
    /* "preclick": a village polygon's popup stops the click from reaching the map. */
    map.on("preclick", function (e) {
      if (!map.hasLayer(householdsLayer) || map.getZoom() < S.config.pointMinZoom) { return; }
      var url = S.config.nearest + "?lat=" + e.latlng.lat.toFixed(7) + "&lon=" + e.latlng.lng.toFixed(7) +
                "&z=" + map.getZoom();
      getJSON(url).then(function (answer) {
        if (answer && answer.found) {
          var h = answer.household;
          L.popup({className: "household"}).setLatLng([h.lat, h.lon]).setContent(householdPopup(h)).openOn(map);
        }
      });
    });
  }

  /* ---- search ----------------------------------------------------------------------------- */
  function enableSearch(choropleth) {
    var form = document.getElementById("village-search");
    if (!form) { return; }
    var input = form.querySelector("input"), list = document.getElementById("village-search-results");
    function go(code) {
      var layer = choropleth.byCode[code];
      if (!layer) { return; }
      choropleth.map.fitBounds(layer.getBounds(), {maxZoom: 14});
      layer.openPopup(layer.getBounds().getCenter());
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var q = input.value.trim();
      if (!q) { return; }
      getJSON(S.config.searchUrl + "?q=" + encodeURIComponent(q)).then(function (rows) {
        list.innerHTML = "";
        if (!rows || !rows.length) {
          list.innerHTML = '<li class="list-group-item small text-muted">' + esc(S.config.texts.tidak_ditemukan) + "</li>";
          return;
        }
        rows.forEach(function (r) {
          var li = document.createElement("li");
          li.className = "list-group-item list-group-item-action small";
          li.setAttribute("role", "button");
          li.setAttribute("data-kode", r.kode_desa);
          li.innerHTML = "<b>" + esc(r.nama) + "</b> <span class='text-muted'>" + esc(r.kode_desa) + " · " +
                         esc(r.nama_kec) + "</span>";
          li.addEventListener("click", function () { go(r.kode_desa); });
          list.appendChild(li);
        });
        if (rows.length === 1) { go(rows[0].kode_desa); }
      });
    });
  }

  /* ---- context layers (dashboard and drawing maps) ----------------------------------------- */
  /* Village and kecamatan names as collision-free labels (static/js/basemap.js), in group "label". */
  function labelLayer(c, group) {
    if (!group || !S.LabelLayer || !c.sources.desa || !c.sources.kecamatan) { return null; }
    return Promise.all([getJSON(c.sources.desa), getJSON(c.sources.kecamatan)]).then(function (res) {
      group.addLayer(new S.LabelLayer(S.labelItems(res[1], "kecamatan").concat(S.labelItems(res[0], "desa"))));
    });
  }

  /* Fill the layer groups of the page (config groups/sources): those shown at first now, the others
     when the user switches them on. Returns the promises of the first ones. */
  function loadContext(c, map, groups) {
    var loaders = {};
    ["kecamatan", "kantong", "hotspot", "celah", "lokasi", "kawasan"].forEach(function (key) {
      if (!c.sources[key]) { return; }
      loaders[key] = function () {
        return getJSON(c.sources[key]).then(function (data) { if (data) { jsonLayer(key, data, groups[key]); } });
      };
    });
    var facilitiesLoad = function () {
      return getJSON(c.sources.fasilitas).then(function (data) { if (data) { facilityLayers(data, groups); } });
    };
    Object.keys(groups).forEach(function (key) {
      if (key.indexOf("fasilitas_") === 0) { loaders[key] = facilitiesLoad; }
    });
    var loaded = {};
    function load(key) {
      var fn = loaders[key];
      if (!fn || loaded[fn === facilitiesLoad ? "fasilitas" : key]) { return null; }
      loaded[fn === facilitiesLoad ? "fasilitas" : key] = true;
      return fn();
    }
    var initial = Object.keys(loaders).filter(function (key) { return map.hasLayer(groups[key]); }).map(load);
    map.on("overlayadd", function (e) {
      Object.keys(groups).forEach(function (key) { if (groups[key] === e.layer) { load(key); } });
    });
    return initial.concat([labelLayer(c, groups.label)]);
  }

  function contextGroups(c) {
    var groups = {};
    Object.keys(c.groups).forEach(function (k) { groups[k] = window[c.groups[k]]; });
    return groups;
  }

  /* Drawing maps (Kawasan, Seleksi): the context layers under the drawing tools. */
  S.initContext = function () {
    var c = S.config, map = window[c.map];
    return Promise.all(loadContext(c, map, contextGroups(c)));
  };

  /* ---- dashboard ------------------------------------------------------------------------ */
  S.initDashboard = function () {
    var c = S.config, map = window[c.map], groups = contextGroups(c);
    var householdsLayer = window[c.households];
    enableHouseholdClicks(map, householdsLayer);
    map.on("overlayadd", function (e) {
      if (e.layer === householdsLayer && c.nearest && map.getZoom() < c.pointMinZoom) {
        L.popup().setLatLng(map.getCenter()).setContent(esc(c.texts.perbesar)).openOn(map);
      }
    });
    var initial = loadContext(c, map, groups);
    var ready = Promise.all([getJSON(c.sources.desa), getJSON(c.sources.indikator)]).then(function (res) {
      var choropleth = new Choropleth(map, groups.desa, res[0], res[1]);
      choropleth.extraLegend = function () {
        return overlayLegendHtml(map, groups) + (map.hasLayer(householdsLayer) ?
          householdLegendHtml(Boolean(c.nearest) && map.getZoom() >= c.pointMinZoom) : "");
      };
      map.on("overlayadd overlayremove zoomend", function () { choropleth.renderLegend(); });
      var select = document.getElementById("indicator-select");
      choropleth.show(select ? select.value : c.indicator);
      if (select) {
        select.addEventListener("change", function () { choropleth.show(select.value); });
      }
      enableSearch(choropleth);
      S.choropleth = choropleth;
      return choropleth;
    });
    /* data-map-ready: the map and every layer shown at first are drawn (tests and print wait on it). */
    Promise.all(initial.concat([ready])).then(function () { document.body.setAttribute("data-map-ready", "1"); });
    S.ready = ready;
    return ready;
  };
})();

/* Profil Desa: facilities of the village on its map and the household charts (Chart.js). */
(function () {
  "use strict";
  var S = window.Sasaran;
  var PALETTE = ["#bd0026", "#f03b20", "#fd8d3c", "#feb24c", "#fed976", "#a1dab4", "#41b6c4", "#2c7fb8",
                 "#253494", "#6a51a3", "#969696"];

  S.initProfile = function () {
    var c = S.config, groups = {};
    Object.keys(c.groups).forEach(function (k) { groups[k] = window[c.groups[k]]; });
    var facilities = S.getJSON(c.sources.fasilitas).then(function (data) {
      if (data) { S.facilityLayers(data, groups); }
    });
    S.facilityLegend(window[c.map], c.villageName);
    var node = document.getElementById("profile-charts");
    var charts = node ? JSON.parse(node.textContent) : [];
    var locale = c.locale === "en" ? "en-GB" : "id-ID";
    charts.forEach(function (chart) {
      var canvas = document.getElementById("chart-" + chart.id);
      if (!canvas || !window.Chart) { return; }
      var colours = chart.id === "desil" ? chart.labels.map(function (d) { return S.desilColour(parseInt(d, 10)); })
                                         : chart.labels.map(function (_l, i) { return PALETTE[i % PALETTE.length]; });
      new window.Chart(canvas, {
        type: "bar",
        data: {labels: chart.labels, datasets: [{label: c.texts.rumah_tangga, data: chart.values, backgroundColor: colours}]},
        options: {locale: locale, animation: false, indexAxis: chart.id === "desil" ? "x" : "y",
                  plugins: {legend: {display: false}}, responsive: true}
      });
    });
    facilities.then(function () { document.body.setAttribute("data-map-ready", "1"); });
  };
})();
