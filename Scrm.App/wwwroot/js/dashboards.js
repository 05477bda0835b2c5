// The KPI dashboard (DashboardsPage.razor): file download for the Excel export, and the geo heatmap — Leaflet (loaded
// by the shared basemap.js, like the other maps) over the offline province outlines, one circle per city sized by
// demand and coloured by load (tickets per technician based there).
import { asset, china, loadLeaflet } from "./basemap.js";

const maps = new WeakMap();

export function download(name, base64) {
    const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
    const a = Object.assign(document.createElement("a"), { href: url, download: name });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function colour(load) {
    if (load === null) return "#9e9e9e";
    if (load > 30) return "#d32f2f";
    if (load > 15) return "#f57c00";
    return "#388e3c";
}

// places: [{ city, lat, lng, created, technicians, load, drill }]; clicking a circle asks .NET to drill into that city.
export async function drawGeo(element, places, dotnet) {
    await loadLeaflet();
    const L = window.L;
    let state = maps.get(element);
    if (!state) {
        const map = L.map(element, { zoomSnap: 0.5, attributionControl: false }).fitBounds(china);
        for (const file of ["lib/basemap/china-provinces.json"]) {
            fetch(asset(file)).then(r => r.json())
                .then(geo => L.geoJSON(geo, { style: { fillColor: "#fdfcf9", color: "#9aa6b4", weight: 0.9, fillOpacity: 1 } }).addTo(map))
                .catch(error => console.warn("dashboards map: basemap not drawn", error));
        }
        state = { map, layer: L.layerGroup().addTo(map) };
        maps.set(element, state);
    }
    state.layer.clearLayers();
    const most = Math.max(1, ...places.map(p => p.created));
    for (const p of places) {
        if (!p.lat && !p.lng) continue;
        L.circleMarker([p.lat, p.lng], {
            radius: 5 + 20 * Math.sqrt(p.created / most), color: colour(p.load), fillColor: colour(p.load), fillOpacity: 0.55, weight: 1,
        }).bindTooltip(`${p.city}: ${p.created} / ${p.technicians}`).on("click", () => dotnet.invokeMethodAsync("DrillCity", p.city))
            .addTo(state.layer);
    }
}

export function dispose(element) {
    const state = maps.get(element);
    if (state) state.map.remove();
    maps.delete(element);
}
