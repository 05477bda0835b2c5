// The progress page's live side (ProgressPage.razor): no Blazor circuit. It follows the ticket on /hubs/tracking by its
// token in the page's language (the server maps the token to the ticket's group), swaps in the page's changing part
// that each "changed" message carries (rendered once on the server for all viewers), and moves the technician's marker
// as positions arrive while they are on the way. Only after a lost connection does it read the page again.
(() => {
    "use strict";
    const token = document.body.dataset.token;
    if (!token || !window.signalR) return;
    const language = document.documentElement.lang || "zh-CN";
    let map = null, technician = null;

    function number(el, name) { return parseFloat(el.dataset[name]); }

    function drawMap() {
        const el = document.getElementById("map");
        if (!el || !window.L) return;
        const at = [number(el, "lat"), number(el, "lng")], site = [number(el, "siteLat"), number(el, "siteLng")];
        map = L.map(el, { zoomControl: false, attributionControl: false });
        fetch("/lib/basemap/china-provinces.json").then(r => r.json())
            .then(json => L.geoJSON(json, { style: { fillColor: "#fdfcf9", color: "#9aa6b4", weight: 0.9, fillOpacity: 1 }, interactive: false })
                .addTo(map).bringToBack())
            .catch(() => { /* the markers alone still tell the story */ });
        L.circleMarker(site, { radius: 8, color: "#c62828", fillOpacity: 0.9 }).addTo(map);
        technician = L.circleMarker(at, { radius: 9, color: "#1565c0", fillOpacity: 0.9 }).addTo(map);
        map.fitBounds(L.latLngBounds([at, site]).pad(0.4), { maxZoom: 14 });
    }

    // A part rendered for every viewer has no token of theirs: their forms post to their own link with their own
    // antiforgery token, which the page was served with.
    function adopt(part) {
        const antiforgery = document.body.dataset.af || "";
        part.querySelectorAll("form[data-action]").forEach(form => {
            form.setAttribute("action", "/t/" + token + "/" + form.dataset.action);
            form.querySelectorAll("input[type=hidden]").forEach(input => { if (!input.value) input.value = antiforgery; });
        });
        return part;
    }

    function show(fresh) {
        const current = document.getElementById("progress");
        if (!fresh || !current) return;
        if (map) { map.remove(); map = null; technician = null; }
        current.replaceWith(fresh);
        drawMap();
        document.body.dataset.refreshes = String(Number(document.body.dataset.refreshes || 0) + 1);
    }

    function apply(html) {
        const template = document.createElement("template");
        template.innerHTML = html;
        const fresh = template.content.getElementById("progress");
        if (fresh) show(adopt(fresh));
    }

    async function refresh() {
        const response = await fetch(location.pathname, { cache: "no-store", credentials: "same-origin" });
        if (!response.ok) return;
        const fresh = new DOMParser().parseFromString(await response.text(), "text/html").getElementById("progress");
        if (fresh) show(document.importNode(fresh, true));
    }

    // Straight to a WebSocket, without the negotiate request: one connection per viewer instead of two (the negotiate
    // request's connection would sit idle beside the socket on the server). Only where WebSockets fail does the page
    // fall back to negotiating a transport (server-sent events, long polling).
    const direct = () => new signalR.HubConnectionBuilder()
        .withUrl("/hubs/tracking", { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets })
        .withAutomaticReconnect().build();
    const negotiated = () => new signalR.HubConnectionBuilder().withUrl("/hubs/tracking").withAutomaticReconnect().build();
    let connection = null, lastShown = null;

    function listen(c) {
        c.on("changed", change => {
            const shown = Number(document.getElementById("progress")?.dataset.version ?? 0);
            // An older state never replaces a newer one; the same version passes when its body differs (a quote line
            // changes the quote, not the ticket), and a repeat of the body last shown changes nothing.
            if (Number(change.version) < shown || (change.html && change.html === lastShown)) return;
            lastShown = change.html;
            // Should the pushed body not fit this page, reading the page again still shows the change.
            try { if (change.html) apply(change.html); else refresh(); } catch (e) { console.warn("progress page: reading it again", e); refresh(); }
        });
        c.on("position", p => {
            const eta = document.getElementById("eta");
            if (eta) eta.textContent = String(p.etaMinutes);
            if (technician) technician.setLatLng([p.lat, p.lng]);
            document.body.dataset.positions = String(Number(document.body.dataset.positions || 0) + 1);
        });
        // After a lost connection the page may have missed changes: follow again and read it afresh.
        c.onreconnected(() => c.invoke("FollowIn", token, language).then(refresh));
        return c;
    }

    async function follow(make) {
        connection = listen(make());
        await connection.start();
        return connection.invoke("FollowIn", token, language);
    }

    drawMap();
    follow(direct)
        .catch(() => follow(negotiated))
        .then(following => { document.body.dataset.live = following ? "true" : "false"; })
        .catch(error => console.warn("progress page: live updates unavailable", error));
})();
