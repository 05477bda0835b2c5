// The control room's live map (DispatchMap.razor): Leaflet over the offline basemap and optional tile layer it shares with
// the address field's map (basemap.js), technicians and tickets in cluster groups, the selected ticket's candidates
// emphasised, live moves, a trail, and queue rows dropped on technicians.
import { addLayers, china, drawBasemap, loadLeaflet } from "./basemap.js";

const maps = new WeakMap();
const ticketMime = "application/x-scrm-ticket";
let draggedTicket = null;

// The page's queue rows are draggable="true" with data-ticket-id; whichever row is being dragged is remembered here,
// because a dragover may not read the data being dragged.
document.addEventListener("dragstart", e => {
    const row = e.target instanceof Element ? e.target.closest("[data-ticket-id]") : null;
    draggedTicket = row ? Number(row.dataset.ticketId) : null;
    if (draggedTicket !== null && e.dataTransfer) e.dataTransfer.setData(ticketMime, String(draggedTicket));
}, true);
document.addEventListener("dragend", () => { draggedTicket = null; }, true);

export async function create(canvas, dotnet, options) {
    await loadLeaflet({ clusters: true });
    const map = L.map(canvas, { minZoom: 3, maxZoom: 18, zoomSnap: 0.5, worldCopyJump: true, attributionControl: Boolean(options.tileUrl) });
    map.fitBounds(china);
    addLayers(map, options);
    const state = {
        map, dotnet, texts: options.texts, canvas, disposed: false, scene: null,
        technicians: new Map(), tickets: new Map(), lines: new Map(),
        technicianGroup: clusterGroup("technicians").addTo(map),
        ticketGroup: clusterGroup("tickets").addTo(map),
        emphasis: L.layerGroup().addTo(map),
        overlay: L.layerGroup().addTo(map),
        circle: null, trail: null, trailOf: null, dropTarget: null,
        // The page lays the map out with flex: follow its size, or tiles and clicks land in the wrong place.
        resized: new ResizeObserver(() => map.invalidateSize()),
    };
    state.resized.observe(canvas);
    maps.set(canvas, state);
    acceptDrops(state);
    drawBasemap(map, { name: "dispatch map", isGone: () => state.disposed });
}

function clusterGroup(kind) {
    return L.markerClusterGroup({
        showCoverageOnHover: false,
        disableClusteringAtZoom: 12,
        maxClusterRadius: 45,
        iconCreateFunction: cluster => L.divIcon({
            className: `dm-cluster dm-cluster-${kind}`,
            html: `<span>${cluster.getChildCount()}</span>`,
            iconSize: [36, 36],
        }),
    });
}

const safeColour = colour => /^#[0-9a-f]{3,8}$/i.test(colour) ? colour : "#757575";

const technicianKind = {
    layer: (s, t) => t.rank != null ? s.emphasis : s.technicianGroup,
    look: t => `${t.colour}|${t.rank}`,
    icon: t => L.divIcon({
        className: t.rank != null ? "dm-technician dm-candidate" : "dm-technician",
        html: `<span class="dm-technician-dot" style="--dm-colour:${safeColour(t.colour)}" data-technician-id="${Number(t.id)}">${t.rank != null ? Number(t.rank) : ""}</span>`,
        iconSize: t.rank != null ? [28, 28] : [16, 16],
    }),
    label: t => t.name,
    popup: (s, t) => card(t.name, [
        t.rank != null ? [null, s.texts.rank.replace("{0}", t.rank)] : null,
        [s.texts.status, t.statusText],
        [s.texts.openJobs, String(t.openJobs)],
    ]),
    clicked: "MapTechnicianClicked",
    zIndex: t => t.rank != null ? 500 - t.rank : 0,
};

const ticketKind = {
    layer: (s, t) => t.selected ? s.emphasis : s.ticketGroup,
    look: t => `${t.colour}|${t.selected}|${t.assignee != null}`,
    icon: t => L.divIcon({
        className: `dm-ticket${t.selected ? " dm-ticket-selected" : ""}${t.assignee != null ? " dm-ticket-assigned" : ""}`,
        html: `<span class="dm-ticket-pin" style="--dm-colour:${safeColour(t.colour)}" data-map-ticket-id="${Number(t.id)}"></span>`,
        iconSize: t.selected ? [30, 30] : [22, 22],
        iconAnchor: t.selected ? [15, 30] : [11, 22],
        popupAnchor: [0, t.selected ? -28 : -20],
    }),
    label: t => `${t.number} ${t.title}`,
    popup: (s, t) => card(`${t.number} ${t.title}`, [
        [s.texts.customer, t.customer],
        [s.texts.priority, t.priorityText],
        t.assignee != null ? [s.texts.assignee, t.assignee] : null,
    ]),
    clicked: "MapTicketClicked",
    zIndex: t => t.selected ? 1000 : 0,
};

// Built from text nodes: names and titles are what users typed.
function card(title, rows) {
    const box = document.createElement("div");
    box.className = "dm-popup";
    const heading = box.appendChild(document.createElement("strong"));
    heading.textContent = title;
    for (const row of rows) {
        if (!row) continue;
        const line = box.appendChild(document.createElement("div"));
        line.textContent = row[0] ? `${row[0]}：${row[1]}` : row[1];
    }
    return box;
}

function newMarker(s, kind, entry) {
    const marker = L.marker([entry.item.lat, entry.item.lng], { icon: kind.icon(entry.item), zIndexOffset: kind.zIndex(entry.item), keyboard: true });
    marker.bindTooltip(() => kind.label(entry.item), { direction: "top", offset: [0, -10] });
    marker.bindPopup(() => kind.popup(s, entry.item));
    marker.on("add", () => marker.getElement()?.setAttribute("aria-label", kind.label(entry.item)));
    marker.on("click", () => s.dotnet.invokeMethodAsync(kind.clicked, entry.item.id).catch(() => { }));
    return marker;
}

const isClusterGroup = layer => typeof layer.addLayers === "function";
const removeAll = (layer, markers) => isClusterGroup(layer) ? layer.removeLayers(markers) : markers.forEach(m => layer.removeLayer(m));
const addAll = (layer, markers) => isClusterGroup(layer) ? layer.addLayers(markers) : markers.forEach(m => layer.addLayer(m));

function queue(plan, layer, marker) {
    const list = plan.get(layer);
    if (list) list.push(marker); else plan.set(layer, [marker]);
}

// A marker in a cluster group is found by its old position, so it leaves the group before it moves and comes back
// after, in bulk. The group's own reaction to each 'move' (remove and re-add one by one) is switched off meanwhile
// (_ignoreMove: leaflet.markercluster 1.5.3, pinned). A marker never changes layer: a new one is made instead.
function applyPlan(s, removals, moves, additions) {
    for (const [layer, markers] of removals) removeAll(layer, markers);
    const groups = [s.technicianGroup, s.ticketGroup];
    groups.forEach(g => { g._ignoreMove = true; });
    try {
        for (const [marker, lat, lng] of moves) marker.setLatLng([lat, lng]);
    } finally {
        groups.forEach(g => { g._ignoreMove = false; });
    }
    const reopen = [];
    for (const [layer, markers] of additions) {
        addAll(layer, markers);
        reopen.push(...markers.filter(m => m.dmPopupOpen));
    }
    for (const marker of reopen) {
        delete marker.dmPopupOpen;
        marker.openPopup();
    }
}

function sync(s, kind, entries, items) {
    const removals = new Map(), additions = new Map(), moves = [];
    const seen = new Set();
    for (const item of items) {
        seen.add(item.id);
        const layer = kind.layer(s, item);
        let entry = entries.get(item.id);
        if (entry && entry.layer !== layer) {
            queue(removals, entry.layer, entry.marker);
            entry = null;
        }
        if (!entry) {
            entry = { item, layer, look: kind.look(item) };
            entry.marker = newMarker(s, kind, entry);
            entries.set(item.id, entry);
            queue(additions, layer, entry.marker);
            continue;
        }
        const at = entry.marker.getLatLng();
        entry.item = item;
        if (at.lat !== item.lat || at.lng !== item.lng) {
            if (isClusterGroup(layer)) {
                entry.marker.dmPopupOpen = entry.marker.isPopupOpen();
                queue(removals, layer, entry.marker);
                queue(additions, layer, entry.marker);
            }
            moves.push([entry.marker, item.lat, item.lng]);
        }
        const look = kind.look(item);
        if (look !== entry.look) {
            entry.look = look;
            entry.marker.setIcon(kind.icon(item));
            entry.marker.setZIndexOffset(kind.zIndex(item));
        }
    }
    for (const [id, entry] of entries) {
        if (seen.has(id)) continue;
        queue(removals, entry.layer, entry.marker);
        entries.delete(id);
    }
    applyPlan(s, removals, moves, additions);
}

/** Draws the scene: technicians, tickets, the radius and the lines to the candidates; centres on it when asked. */
export function render(canvas, scene) {
    const s = maps.get(canvas);
    if (!s) return;
    s.scene = scene;
    sync(s, technicianKind, s.technicians, scene.technicians);
    sync(s, ticketKind, s.tickets, scene.tickets);
    drawSelection(s);
    if (scene.fit) fit(s);
}

function drawSelection(s) {
    s.overlay.clearLayers();
    s.lines.clear();
    s.circle = null;
    const selected = s.scene.tickets.find(t => t.selected);
    if (s.scene.circle) {
        const c = s.scene.circle;
        s.circle = L.circle([c.lat, c.lng], { radius: c.radiusKm * 1000, color: "#1565c0", weight: 1.5, fillOpacity: 0.06, interactive: false })
            .addTo(s.overlay);
    }
    if (!selected) return;
    for (const t of s.scene.technicians) {
        if (t.rank == null) continue;
        s.lines.set(t.id, L.polyline([[selected.lat, selected.lng], [t.lat, t.lng]],
            { color: "#37474f", weight: t.rank === 1 ? 3 : 2, opacity: 0.7, dashArray: "6 6", interactive: false }).addTo(s.overlay));
    }
}

function fit(s) {
    const { technicians, tickets } = s.scene;
    const selected = tickets.find(t => t.selected);
    const points = selected
        ? [[selected.lat, selected.lng], ...technicians.filter(t => t.rank != null).map(t => [t.lat, t.lng])]
        : [...technicians, ...tickets].map(m => [m.lat, m.lng]);
    if (points.length === 0) return;
    const bounds = L.latLngBounds(points);
    if (s.circle) bounds.extend(s.circle.getBounds());
    s.map.fitBounds(bounds.pad(0.1), { maxZoom: 13, animate: false });
}

/** Live positions: [{ id, lat, lng, at }], the newest fix of each technician since the last call. */
export function move(canvas, moves) {
    const s = maps.get(canvas);
    if (!s) return;
    const started = performance.now();
    const removals = new Map(), additions = new Map(), planned = [];
    for (const m of moves) {
        const entry = s.technicians.get(m.id);
        if (!entry) continue;
        entry.item.lat = m.lat;
        entry.item.lng = m.lng;
        if (isClusterGroup(entry.layer)) {
            entry.marker.dmPopupOpen = entry.marker.isPopupOpen();
            queue(removals, entry.layer, entry.marker);
            queue(additions, entry.layer, entry.marker);
        }
        planned.push([entry.marker, m.lat, m.lng]);
        s.lines.get(m.id)?.setLatLngs([s.lines.get(m.id).getLatLngs()[0], [m.lat, m.lng]]);
        if (s.trailOf === m.id) s.trail?.addLatLng([m.lat, m.lng]);
    }
    applyPlan(s, removals, planned, additions);
    // For whoever watches the map (the load bench measures fix-to-marker lag and the time spent here with it).
    canvas.dispatchEvent(new CustomEvent("dispatchmap:moved", { detail: { moves, took: performance.now() - started } }));
}

/** A technician's trail today ([[lat, lng], …], oldest first); a null technician hides it. */
export function trail(canvas, technicianId, points) {
    const s = maps.get(canvas);
    if (!s) return;
    s.trail?.remove();
    s.trail = null;
    s.trailOf = technicianId;
    if (technicianId == null || points.length === 0) return;
    s.trail = L.polyline(points, { color: "#0d47a1", weight: 3, opacity: 0.8, interactive: false }).addTo(s.map);
}

function acceptDrops(s) {
    const technicianUnder = e => e.target instanceof Element ? e.target.closest("[data-technician-id]") : null;
    const mark = target => {
        if (s.dropTarget === target) return;
        s.dropTarget?.classList.remove("dm-drop-target");
        s.dropTarget = target;
        target?.classList.add("dm-drop-target");
    };
    s.canvas.addEventListener("dragover", e => {
        const target = technicianUnder(e);
        const carriesTicket = draggedTicket !== null || e.dataTransfer?.types.includes(ticketMime);
        mark(carriesTicket ? target : null);
        if (!carriesTicket || !target) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = "move";
    });
    s.canvas.addEventListener("dragleave", e => { if (!s.canvas.contains(e.relatedTarget)) mark(null); });
    s.canvas.addEventListener("drop", e => {
        const target = technicianUnder(e);
        mark(null);
        const ticket = draggedTicket ?? Number(e.dataTransfer?.getData(ticketMime) || NaN);
        if (!target || !Number.isFinite(ticket)) return;
        e.preventDefault();
        draggedTicket = null;
        s.dotnet.invokeMethodAsync("MapTicketDropped", ticket, Number(target.dataset.technicianId)).catch(() => { });
    });
}

export function dispose(canvas) {
    const s = maps.get(canvas);
    if (!s) return;
    s.disposed = true;
    s.resized.disconnect();
    s.map.remove();
    maps.delete(canvas);
}
