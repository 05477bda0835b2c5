// The address field's map (AddressField.razor): Leaflet over the offline basemap and optional tile layer it shares with
// the dispatch map (../../js/basemap.js); a click or a dragged pin sets the point and tells .NET.
import { addLayers, china, drawBasemap, loadLeaflet } from "../../js/basemap.js";

const maps = new WeakMap();

export async function create(canvas, dotnet, options) {
    await loadLeaflet();
    const map = L.map(canvas, { minZoom: 3, maxZoom: 18, attributionControl: Boolean(options.tileUrl) });
    addLayers(map, options);
    const state = { map, dotnet, pin: null, resized: new ResizeObserver(() => map.invalidateSize()) };
    state.resized.observe(canvas);
    maps.set(canvas, state);
    map.on("click", e => pick(state, e.latlng.lat, e.latlng.lng));
    show(canvas, options.point);
    drawBasemap(map, { name: "address map", isGone: () => maps.get(canvas) !== state });
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
