// The address field's map (AddressField.razor): Leaflet over the same offline basemap and optional tile layer as the
// dispatch map; a click or a dragged pin sets the point and tells .NET. Leaflet is shared with the dispatch map: it is
// loaded once, as a global, by whichever map comes first.
const china = [[18, 73], [54, 135]];
const maps = new WeakMap();
const asset = path => new URL(path, document.baseURI).href;

function load(tag, attributes) {
    return new Promise((resolve, reject) => {
        const element = Object.assign(document.createElement(tag), attributes);
        element.onload = resolve;
        element.onerror = () => reject(new Error(`could not load ${attributes.src ?? attributes.href}`));
        document.head.appendChild(element);
    });
}

async function loadLeaflet() {
    const css = asset("lib/leaflet/leaflet.css");
    const style = document.querySelector(`link[href="${css}"]`) ? null : load("link", { rel: "stylesheet", href: css });
    if (!window.L) await load("script", { src: asset("lib/leaflet/leaflet.js") });
    if (style) await style;
}

export async function create(canvas, dotnet, options) {
    await loadLeaflet();
    const map = L.map(canvas, { minZoom: 3, maxZoom: 18, attributionControl: Boolean(options.tileUrl) });
    map.createPane("basemap").style.zIndex = 150;
    if (options.tileUrl) L.tileLayer(options.tileUrl, { attribution: options.tileAttribution ?? "", maxZoom: 18 }).addTo(map);
    const state = { map, dotnet, pin: null, resized: new ResizeObserver(() => map.invalidateSize()) };
    state.resized.observe(canvas);
    maps.set(canvas, state);
    map.on("click", e => pick(state, e.latlng.lat, e.latlng.lng));
    show(canvas, options.point);
    drawBasemap(map);
}

// Six decimals: about 0.1 m, more than a pin dropped by hand can mean.
const round = value => Math.round(value * 1e6) / 1e6;

function pick(state, lat, lng) {
    placePin(state, lat, lng);
    state.dotnet.invokeMethodAsync("PointPicked", round(lat), round(lng));
}

function placePin(state, lat, lng) {
    if (!state.pin) {
        state.pin = L.marker([lat, lng], { draggable: true, keyboard: true }).addTo(state.map);
        state.pin.on("dragend", () => {
            const at = state.pin.getLatLng();
            state.dotnet.invokeMethodAsync("PointPicked", round(at.lat), round(at.lng));
        });
    } else {
        state.pin.setLatLng([lat, lng]);
    }
}

/** Puts the pin where the value says (null: no pin) and centres on it. */
export function show(canvas, point) {
    const state = maps.get(canvas);
    if (!state) return;
    if (point) {
        placePin(state, point.lat, point.lng);
        state.map.setView([point.lat, point.lng], Math.max(state.map.getZoom() || 0, 13));
    } else {
        if (state.pin) state.pin.remove();
        state.pin = null;
        state.map.fitBounds(china);
    }
}

/** The device's position, or null when the browser refuses or has none. */
export function locate() {
    return new Promise(resolve => {
        if (!navigator.geolocation) return resolve(null);
        navigator.geolocation.getCurrentPosition(
            p => resolve({ lat: round(p.coords.latitude), lng: round(p.coords.longitude) }),
            () => resolve(null), { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 });
    });
}

export function dispose(canvas) {
    const state = maps.get(canvas);
    if (!state) return;
    state.resized.disconnect();
    state.map.remove();
    maps.delete(canvas);
}

async function drawBasemap(map) {
    const renderer = L.canvas({ pane: "basemap", padding: 0.5 });
    const layers = [
        ["lib/basemap/world-countries.json", { fillColor: "#f3f0e8", color: "#c9c2b4", weight: 0.6 }, true],
        ["lib/basemap/china-provinces.json", { fillColor: "#fdfcf9", color: "#9aa6b4", weight: 0.9 }, false],
    ];
    await Promise.all(layers.map(async ([path, style, back]) => {
        try {
            const response = await fetch(asset(path));
            if (!response.ok) throw new Error(`${path}: ${response.status}`);
            const outlines = await response.json();
            const layer = L.geoJSON(outlines, { renderer, interactive: false, style: () => ({ ...style, fillOpacity: 1 }) }).addTo(map);
            if (back) layer.bringToBack();
        } catch (error) {
            console.warn("address map: basemap layer not drawn", error);
        }
    }));
}
