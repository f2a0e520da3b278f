/* armstrace pages: offline maps (Leaflet, shipped boundaries, no tiles). No build step. */
(function () {
  "use strict";
  function drawMap(el) {
    if (typeof L === "undefined") { return; }
    var map = L.map(el, { worldCopyJump: false, minZoom: 2, maxZoom: 12, attributionControl: true });
    map.attributionControl.setPrefix("");
    map.attributionControl.addAttribution("Boundaries: Natural Earth (public domain)");
    map.setView([30, 66], 4);
    var boundaries = el.getAttribute("data-boundaries");
    var points = el.getAttribute("data-points");
    var get = function (url) {
      return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); });
    };
    if (boundaries) {
      get(boundaries).then(function (geo) {
        L.geoJSON(geo, {
          interactive: false,
          style: { color: "#8a94a3", weight: 0.7, fillColor: "#eef1f5", fillOpacity: 1 }
        }).addTo(map).bringToBack();
      }).catch(function () { /* the map still shows the points */ });
    }
    if (points) {
      get(points).then(function (geo) {
        var layer = L.geoJSON(geo, {
          pointToLayer: function (feature, latlng) {
            return L.circleMarker(latlng, { radius: 7, color: "#7a1f1f", weight: 2, fillColor: "#c0392b", fillOpacity: 0.8 });
          },
          onEachFeature: function (feature, lyr) {
            var p = feature.properties || {};
            var a = document.createElement("a");
            a.href = p.url; a.textContent = p.title || p.code;
            var box = document.createElement("div");
            box.appendChild(a);
            if (p.date) { var d = document.createElement("div"); d.textContent = p.date; box.appendChild(d); }
            lyr.bindPopup(box);
          }
        }).addTo(map);
        var n = (geo.features || []).length;
        if (n === 1) {
          var c = geo.features[0].geometry.coordinates;
          map.setView([c[1], c[0]], 6);
        } else if (n > 1) {
          map.fitBounds(layer.getBounds(), { padding: [30, 30], maxZoom: 7 });
        }
        el.setAttribute("data-loaded", String(n));
      }).catch(function () { el.setAttribute("data-loaded", "error"); });
    }
  }
  document.querySelectorAll(".map[data-points]").forEach(drawMap);
})();
