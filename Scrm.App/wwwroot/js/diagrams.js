// Z.Blazor.Diagrams' stylesheets and script (window.ZBlazorDiagrams, which its canvas calls as soon as it is drawn),
// loaded by the flow designer's canvas on first use instead of by every page (issue 6, ADR 0044). The canvas is drawn
// once all three are in, so that the library measures its nodes and ports with their styles applied. A failed load is
// forgotten, so the next canvas tries again.
let loading = null;

function add(tag, attributes) {
    return new Promise((resolve, reject) => {
        const element = Object.assign(document.createElement(tag), attributes);
        element.onload = resolve;
        element.onerror = () => {
            element.remove();
            reject(new Error(`could not load ${attributes.src ?? attributes.href}`));
        };
        document.head.appendChild(element);
    });
}

export function load(script, stylesheets) {
    if (window.ZBlazorDiagrams) return Promise.resolve();
    return loading ??= Promise.all([
        ...stylesheets.map(href => add("link", { rel: "stylesheet", href })),
        add("script", { src: script }),
    ]).catch(error => {
        loading = null;
        throw error;
    });
}
