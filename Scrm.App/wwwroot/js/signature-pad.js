// A signature drawn with a finger, pen or mouse on a canvas; handed back as a PNG data URL.
const pads = new WeakMap();

export function attach(canvas) {
    const ratio = window.devicePixelRatio || 1;
    canvas.width = canvas.clientWidth * ratio;
    canvas.height = canvas.clientHeight * ratio;
    const ink = canvas.getContext("2d");
    ink.scale(ratio, ratio);
    ink.lineWidth = 2.5;
    ink.lineCap = "round";
    ink.lineJoin = "round";
    ink.strokeStyle = "#1a237e";
    const state = { drawing: false, strokes: 0 };
    pads.set(canvas, state);

    const at = e => {
        const box = canvas.getBoundingClientRect();
        return [e.clientX - box.left, e.clientY - box.top];
    };
    canvas.addEventListener("pointerdown", e => {
        state.drawing = true;
        state.strokes++;
        canvas.setPointerCapture(e.pointerId);
        ink.beginPath();
        ink.moveTo(...at(e));
        e.preventDefault();
    });
    canvas.addEventListener("pointermove", e => {
        if (!state.drawing) return;
        ink.lineTo(...at(e));
        ink.stroke();
        e.preventDefault();
    });
    const stop = () => { state.drawing = false; };
    canvas.addEventListener("pointerup", stop);
    canvas.addEventListener("pointercancel", stop);
}

export function clear(canvas) {
    canvas.getContext("2d").clearRect(0, 0, canvas.width, canvas.height);
    const state = pads.get(canvas);
    if (state) state.strokes = 0;
}

// Null while nothing is drawn, so an empty pad is never taken for a signature.
export function toPng(canvas) {
    const state = pads.get(canvas);
    return state && state.strokes > 0 ? canvas.toDataURL("image/png") : null;
}
