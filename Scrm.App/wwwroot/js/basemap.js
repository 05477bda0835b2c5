// What every Leaflet map of the app shares (the dispatch map, the address field's map): Leaflet itself, loaded once as a
// global by whichever map comes first, and the offline basemap — world countries and China's provinces, built into
// lib/basemap from npm packages at build time — drawn under an optional tile layer. Imported by relative URL, so both
// maps get this one module instance and one loader.
export const china = [[18, 73], [54, 135]];

export const asset = path => new URL(path, document.baseURI).href;

let leaflet = null;
let clusters = null;

function load(tag, attributes) {
    return new Promise((resolve, reject) => {
        const element = Object.assign(document.createElement(tag), attributes);
        element.onload = resolve;
        element.onerror = () => reject(new Error(`could not load ${attributes.src ?? attributes.href}`));
        document.head.appendChild(element);
    });
}

function loadStyle(href) {
    return document.querySelector(`link[href="${asset(href)}"]`) ? Promise.resolve() : load("link", { rel: "stylesheet", href: asset(href) });
}

// A failed load is forgotten, so the next map tries again.
function once(get, set, start) {
    return get() ?? set(start().catch(error => {
        set(null);
        throw error;
    }));
}

/** Leaflet (a UMD script that wants a global L) and its stylesheet; with { clusters: true } also leaflet.markercluster. */
export function loadLeaflet({ clusters: withClusters = false } = {}) {
    const core = once(() => leaflet, p => (leaflet = p), async () => {
        const style = loadStyle("lib/leaflet/leaflet.css");
        if (!window.L) await load("script", { src: asset("lib/leaflet/leaflet.js") });
        await style;
    });
    if (!withClusters) return core;
    return once(() => clusters, p => (clusters = p), async () => {
        await core;
        const style = loadStyle("lib/leaflet.markercluster/MarkerCluster.css");
        if (!window.L.MarkerClusterGroup) await load("script", { src: asset("lib/leaflet.markercluster/leaflet.markercluster.js") });
        await style;
    });
}

/**
 * The basemap's pane under the tile pane (z-index 200: a configured tile layer covers the outlines) and the tile layer
 * itself when options.tileUrl is set. Call before drawBasemap.
 */
export function addLayers(map, options) {
    map.createPane("basemap").style.zIndex = 150;
    if (options?.tileUrl) L.tileLayer(options.tileUrl, { attribution: options.tileAttribution ?? "", maxZoom: 18 }).addTo(map);
}

const outlines = [
    ["lib/basemap/world-countries.json", { fillColor: "#f3f0e8", color: "#c9c2b4", weight: 0.6 }, true],
    ["lib/basemap/china-provinces.json", { fillColor: "#fdfcf9", color: "#9aa6b4", weight: 0.9 }, false],
];

/**
 * Draws the outlines on one canvas renderer in the basemap pane. A layer that cannot be fetched is left out with a
 * warning naming the map (the map works without it); isGone() says the map was disposed while the files came.
 */
export async function drawBasemap(map, { name = "map", isGone = () => false } = {}) {
    const renderer = L.canvas({ pane: "basemap", padding: 0.5 });
    await Promise.all(outlines.map(async ([path, style, back]) => {
        try {
            const response = await fetch(asset(path));
            if (!response.ok) throw new Error(`${path}: ${response.status}`);
            const shapes = await response.json();
            if (isGone()) return;
            const layer = L.geoJSON(shapes, { renderer, interactive: false, style: () => ({ ...style, fillOpacity: 1 }) }).addTo(map);
            if (back) layer.bringToBack();
        } catch (error) {
            console.warn(`${name}: basemap layer not drawn`, error);
        }
    }));
}
