// The PRNG page: pick a generator and a seed, and see its first outputs, a bitmap of its bits, its byte
// and bit-position histograms and the quality battery, computed in a worker (prng-worker.ts) so the page
// stays responsive. Plain DOM; every colour is a CSS custom property so the light and dark themes apply.

import { PRNGS, findPrng } from "@rng/prngs";
import type { TestResult } from "@rng/prngs";
import type { PrngError, PrngErrorField, PrngReply, PrngReport, PrngRequest } from "./prng-stats.js";

export interface PrngSettings {
  gen: string;
  seed: string;
  bytes: number;
  register: boolean;
}

export const DEFAULT_PRNG_SETTINGS: PrngSettings = { gen: "glibc-rand", seed: "1", bytes: 65536, register: true };

const BYTE_CHOICES: readonly number[] = [65536, 262144, 1048576];
const BITMAP_SIDE = 256;
const OUTPUT_COUNT = 16;

/**
 * A short label for a generator's description: its text up to the first `:`, `;` or `,` outside
 * parentheses, or up to the first parenthesis that opens with a letter (a citation or a formula), at most
 * `max` characters.
 */
export function shortDescription(description: string, max = 48): string {
  let depth = 0;
  let end = description.length;
  for (let i = 0; i < description.length; i++) {
    const ch = description[i];
    if (ch === "(") {
      if (depth === 0 && i > 0 && description[i - 1] === " " && /[A-Za-z]/.test(description[i + 1] ?? "")) {
        end = i - 1;
        break;
      }
      depth++;
    } else if (ch === ")") {
      depth = Math.max(0, depth - 1);
    } else if (depth === 0 && (ch === ":" || ch === ";" || ch === ",")) {
      end = i;
      break;
    }
  }
  const text = description.slice(0, end).trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

const STYLE = `
.prng-page { color: var(--fg); background: var(--bg); }
.prng-form { display: flex; flex-wrap: wrap; gap: 0.75rem 1.25rem; align-items: flex-end; margin: 0 0 0.75rem; }
.prng-field { display: flex; flex-direction: column; gap: 0.25rem; }
.prng-field label, .prng-check label { font-weight: 600; }
.prng-check { display: flex; align-items: center; gap: 0.4rem; }
.prng-page select, .prng-page input[type="text"], .prng-page button {
  font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--muted); border-radius: 4px; padding: 0.25rem 0.4rem;
}
.prng-page select#prng-gen { max-width: 28rem; }
.prng-page input#prng-seed { width: 14rem; font-family: ui-monospace, monospace; }
.prng-page input[type="checkbox"] { accent-color: var(--accent); width: 1rem; height: 1rem; }
.prng-page button { border-color: var(--accent); cursor: pointer; font-weight: 600; }
.prng-page :focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.prng-page [aria-invalid="true"] { border-color: var(--accent); border-width: 2px; }
.prng-hint, .prng-desc, .prng-status, .prng-note { color: var(--muted); font-size: 0.875em; margin: 0; }
.prng-desc { flex-basis: 100%; }
.prng-error { color: var(--fg); border-left: 4px solid var(--accent); padding: 0.25rem 0.5rem; margin: 0 0 0.5rem; font-weight: 600; }
.prng-error:empty { border: 0; padding: 0; margin: 0; }
.prng-status { min-height: 1.4em; margin: 0 0 0.75rem; }
.prng-results { display: flex; flex-wrap: wrap; gap: 1.25rem; align-items: flex-start; }
.prng-results[aria-busy="true"] .prng-figure { opacity: 0.6; }
.prng-figure { margin: 0; display: flex; flex-direction: column; gap: 0.35rem; }
.prng-figure figcaption { font-weight: 600; }
.prng-outputs { margin: 0; font-family: ui-monospace, monospace; line-height: 1.3; min-height: calc(16 * 1.3em); min-width: 22ch; }
.prng-bitmap { width: 256px; height: 256px; image-rendering: pixelated; color: var(--fg); background-color: var(--bg); border: 1px solid var(--muted); }
.prng-svg { max-width: 100%; height: auto; }
.prng-svg .prng-bar { fill: var(--fg); }
.prng-svg .prng-expected { stroke: var(--accent); stroke-width: 1.5; stroke-dasharray: 4 3; fill: none; }
.prng-svg .prng-axis { stroke: var(--muted); stroke-width: 1; fill: none; }
.prng-svg text { fill: var(--muted); font-size: 10px; font-family: ui-monospace, monospace; }
.prng-quality-wrap { flex-basis: 100%; min-height: 16rem; overflow-x: auto; }
.prng-quality { border-collapse: collapse; font-variant-numeric: tabular-nums; }
.prng-quality caption { text-align: left; font-weight: 600; padding-bottom: 0.35rem; }
.prng-quality th, .prng-quality td { border-bottom: 1px solid var(--muted); padding: 0.2rem 0.75rem 0.2rem 0; text-align: left; }
.prng-quality td.prng-num { text-align: right; font-family: ui-monospace, monospace; }
.prng-quality td.prng-pvals { font-family: ui-monospace, monospace; }
.prng-quality .prng-fail { color: var(--accent); font-weight: 700; }
`;

type Attrs = Record<string, string | number | boolean | undefined>;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  node.append(...children);
  return node;
}

const SVG_NS = "http://www.w3.org/2000/svg";

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, String(value));
  }
  node.append(...children);
  return node;
}

// Both histograms share one frame: 512 px of plot, room for the y labels on the left and x labels below.
const HIST = { width: 560, height: 200, left: 40, right: 8, top: 8, bottom: 22 } as const;
const PLOT_W = HIST.width - HIST.left - HIST.right; // 512
const PLOT_H = HIST.height - HIST.top - HIST.bottom; // 170
const BASE_Y = HIST.top + PLOT_H;

function fmt(n: number, digits = 1): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(digits);
}

function histogramFrame(svgEl: SVGSVGElement, yTop: string, xLabels: readonly [number, string][]): void {
  svgEl.replaceChildren(
    svg("path", { class: "prng-axis", d: `M${HIST.left - 0.5} ${HIST.top}V${BASE_Y + 0.5}H${HIST.left + PLOT_W}` }),
    svg("text", { x: HIST.left - 4, y: HIST.top + 8, "text-anchor": "end" }, yTop),
    svg("text", { x: HIST.left - 4, y: BASE_Y, "text-anchor": "end" }, "0"),
    ...xLabels.map(([x, label]) => svg("text", { x, y: HIST.height - 6, "text-anchor": "middle" }, label)),
  );
}

/** Counts of byte values 0..255 as 256 bars of 2 px, with the expected count (n/256) as a dashed line. */
function drawByteHistogram(svgEl: SVGSVGElement, counts: readonly number[] | undefined): void {
  const barW = PLOT_W / 256;
  const xLabels: [number, string][] = [0, 64, 128, 192, 255].map((v) => [HIST.left + v * barW + barW / 2, String(v)]);
  if (!counts) {
    histogramFrame(svgEl, "", xLabels);
    svgEl.setAttribute("aria-label", "Histogram of byte values: not computed yet");
    return;
  }
  const total = counts.reduce((a, b) => a + b, 0);
  const expected = total / 256;
  let max = 0;
  let min = Infinity;
  let maxAt = 0;
  let minAt = 0;
  counts.forEach((c, i) => {
    if (c > max) [max, maxAt] = [c, i];
    if (c < min) [min, minAt] = [c, i];
  });
  const top = Math.max(max, expected, 1) * 1.1;
  const y = (c: number) => BASE_Y - (c / top) * PLOT_H;
  let d = "";
  counts.forEach((c, i) => {
    if (c > 0) d += `M${HIST.left + i * barW} ${BASE_Y}V${y(c).toFixed(2)}h${barW}V${BASE_Y}z`;
  });
  histogramFrame(svgEl, fmt(Math.round(top)), xLabels);
  const ey = y(expected).toFixed(2);
  svgEl.append(
    svg("path", { class: "prng-bar", d }),
    svg("path", { class: "prng-expected", d: `M${HIST.left} ${ey}H${HIST.left + PLOT_W}` }),
  );
  svgEl.setAttribute(
    "aria-label",
    `Histogram of byte values 0 to 255 over ${total} bytes: expected ${fmt(expected)} each (dashed line); ` +
      `lowest ${min} (value ${minAt}), highest ${max} (value ${maxAt}).`,
  );
}

/** For each bit position 31 … 0 (left to right) of the 32-bit words, the share of words with it set. */
function drawBitHistogram(svgEl: SVGSVGElement, bitOnes: readonly number[] | undefined, words: number): void {
  const slot = PLOT_W / 32;
  const xOf = (bit: number) => HIST.left + (31 - bit) * slot;
  const xLabels: [number, string][] = [31, 24, 16, 8, 0].map((b) => [xOf(b) + slot / 2, String(b)]);
  if (!bitOnes || words === 0) {
    histogramFrame(svgEl, "1", xLabels);
    svgEl.setAttribute("aria-label", "Share of ones at each bit position: not computed yet");
    return;
  }
  let d = "";
  const never: number[] = [];
  const always: number[] = [];
  const off: string[] = [];
  // Five standard deviations of a fair bit's share over `words` words.
  const band = 5 * Math.sqrt(0.25 / words);
  for (let bit = 31; bit >= 0; bit--) {
    const share = bitOnes[bit] / words;
    if (bitOnes[bit] === 0) never.push(bit);
    else if (bitOnes[bit] === words) always.push(bit);
    else if (Math.abs(share - 0.5) > band) off.push(`bit ${bit}: ${share.toFixed(3)}`);
    if (share > 0) d += `M${(xOf(bit) + 1).toFixed(2)} ${BASE_Y}V${(BASE_Y - share * PLOT_H).toFixed(2)}h${slot - 2}V${BASE_Y}z`;
  }
  histogramFrame(svgEl, "1", xLabels);
  const ey = (BASE_Y - 0.5 * PLOT_H).toFixed(2);
  svgEl.append(
    svg("path", { class: "prng-bar", d }),
    svg("path", { class: "prng-expected", d: `M${HIST.left} ${ey}H${HIST.left + PLOT_W}` }),
  );
  const parts = [`Share of ones at each bit position of ${words} 32-bit words, bit 31 on the left; expected 0.5 (dashed line).`];
  if (never.length) parts.push(`Never set: bit${never.length > 1 ? "s" : ""} ${never.join(", ")}.`);
  if (always.length) parts.push(`Always set: bit${always.length > 1 ? "s" : ""} ${always.join(", ")}.`);
  if (off.length) parts.push(`Far from 0.5: ${off.join("; ")}.`);
  if (!never.length && !always.length && !off.length) parts.push("Every position is within the expected band.");
  svgEl.setAttribute("aria-label", parts.join(" "));
}

/** A CSS colour (any syntax the browser knows) as RGBA bytes, via a 1×1 canvas; undefined if it cannot. */
function colourBytes(colour: string): [number, number, number, number] | undefined {
  const c = document.createElement("canvas");
  c.width = 1;
  c.height = 1;
  const ctx = c.getContext("2d", { willReadFrequently: true });
  if (!ctx) return undefined;
  ctx.fillStyle = "#000";
  ctx.fillStyle = colour;
  ctx.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
  return [r, g, b, a];
}

/** One pixel per bit, most significant bit of each byte first, 256 bits a row; ones in --fg, zeros in --bg. */
function drawBitmap(canvas: HTMLCanvasElement, bytes: Uint8Array | undefined): void {
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const style = getComputedStyle(canvas);
  const fg = colourBytes(style.color) ?? [0, 0, 0, 255];
  let bg = colourBytes(style.backgroundColor) ?? [255, 255, 255, 255];
  if (bg[3] === 0) bg = fg[0] + fg[1] + fg[2] > 382 ? [0, 0, 0, 255] : [255, 255, 255, 255];
  const image = ctx.createImageData(BITMAP_SIDE, BITMAP_SIDE);
  const px = image.data;
  const nbits = BITMAP_SIDE * BITMAP_SIDE;
  const have = bytes ? Math.min(nbits, bytes.length * 8) : 0;
  for (let i = 0; i < nbits; i++) {
    const one = i < have && bytes !== undefined && ((bytes[i >> 3] >> (7 - (i & 7))) & 1) === 1;
    const c = one ? fg : bg;
    const o = i * 4;
    px[o] = c[0];
    px[o + 1] = c[1];
    px[o + 2] = c[2];
    px[o + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
}

function bitmapLabel(bytes: Uint8Array | undefined): string {
  if (!bytes) return "Bitmap of the stream's first 65536 bits: not computed yet";
  const nbits = Math.min(BITMAP_SIDE * BITMAP_SIDE, bytes.length * 8);
  let ones = 0;
  for (let i = 0; i < nbits >> 3; i++) {
    let b = bytes[i];
    while (b) {
      ones += b & 1;
      b >>= 1;
    }
  }
  return (
    `Bitmap of the stream's first ${nbits} bits, one pixel per bit, 256 bits a row, ones in the text colour: ` +
    `${ones} ones (${((100 * ones) / Math.max(1, nbits)).toFixed(2)} %).`
  );
}

function fillQuality(table: HTMLTableElement, battery: readonly TestResult[] | undefined): void {
  const caption = table.caption ?? table.createCaption();
  const tbody = table.tBodies[0] ?? table.createTBody();
  if (!battery) {
    caption.textContent = "Quality battery";
    tbody.replaceChildren();
    return;
  }
  const failed = battery.filter((r) => !r.pass).length;
  const alpha = battery[0]?.alpha ?? 0.01;
  caption.textContent = failed
    ? `Quality battery: ${failed} of ${battery.length} tests failed at α = ${alpha}`
    : `Quality battery: all ${battery.length} tests passed at α = ${alpha}`;
  tbody.replaceChildren(
    ...battery.map((r) =>
      el(
        "tr",
        {},
        el("th", { scope: "row" }, r.test),
        el("td", { class: "prng-num" }, r.statistic.toPrecision(6)),
        el("td", { class: "prng-pvals" }, r.pValues.map((x) => x.toFixed(6)).join(", ")),
        el("td", { class: r.pass ? "prng-pass" : "prng-fail" }, r.pass ? "pass" : "FAIL"),
      ),
    ),
  );
}

function sameSettings(a: PrngSettings, b: PrngSettings): boolean {
  return a.gen === b.gen && a.seed === b.seed && a.bytes === b.bytes && a.register === b.register;
}

function describeView(s: { register: boolean }, outputBits: number | undefined): string {
  return s.register ? "as the RNG register delivers it (32-bit words)" : `output bits (${outputBits ?? "?"} per output)`;
}

export function mountPrngPage(root: HTMLElement, settings: PrngSettings, onChange: (s: PrngSettings) => void): { dispose(): void } {
  // The settings may come from a URL: keep what is there, show the canonical name for an alias.
  const known = findPrng(String(settings.gen ?? ""));
  let current: PrngSettings = {
    gen: known ? known.info.name : String(settings.gen ?? ""),
    seed: String(settings.seed ?? ""),
    bytes: Number(settings.bytes),
    register: Boolean(settings.register),
  };
  let notified: PrngSettings = { ...current };

  // --- the form ---
  const genSelect = el("select", { id: "prng-gen", name: "gen", "aria-describedby": "prng-gen-desc" });
  for (const p of PRNGS) {
    const short = shortDescription(p.info.description);
    genSelect.append(el("option", { value: p.info.name, title: p.info.description }, short ? `${p.info.name} — ${short}` : p.info.name));
  }
  if (!known) genSelect.append(el("option", { value: current.gen }, `${current.gen || "(none)"} — unknown`));
  genSelect.value = current.gen;
  const genDesc = el("p", { id: "prng-gen-desc", class: "prng-desc" });

  const seedInput = el("input", {
    id: "prng-seed",
    name: "seed",
    type: "text",
    autocomplete: "off",
    spellcheck: "false",
    "aria-describedby": "prng-seed-hint",
  });
  seedInput.value = current.seed;

  const bytesSelect = el("select", { id: "prng-bytes", name: "bytes" });
  const choices = BYTE_CHOICES.includes(current.bytes) ? BYTE_CHOICES : [...BYTE_CHOICES, current.bytes];
  for (const n of choices) {
    const label = Number.isInteger(n) && n >= 1024 && n % 1024 === 0 ? `${n % 1048576 === 0 ? `${n / 1048576} MiB` : `${n / 1024} KiB`} (${n})` : `${n} bytes`;
    bytesSelect.append(el("option", { value: String(n) }, label));
  }
  bytesSelect.value = String(current.bytes);

  const registerBox = el("input", { id: "prng-register", name: "register", type: "checkbox" });
  registerBox.checked = current.register;

  const runButton = el("button", { id: "prng-run", type: "submit" }, "Run");

  const form = el(
    "form",
    { class: "prng-form", "aria-label": "Generator settings" },
    el("div", { class: "prng-field" }, el("label", { for: "prng-gen" }, "Generator"), genSelect),
    el(
      "div",
      { class: "prng-field" },
      el("label", { for: "prng-seed" }, "Seed"),
      seedInput,
      el("span", { id: "prng-seed-hint", class: "prng-hint" }, "decimal or 0x-hex"),
    ),
    el("div", { class: "prng-field" }, el("label", { for: "prng-bytes" }, "Bytes tested"), bytesSelect),
    el("div", { class: "prng-check" }, registerBox, el("label", { for: "prng-register" }, "as my_rng's RNG register delivers it (32-bit words)")),
    runButton,
    genDesc,
  );

  // --- the results ---
  const errorBox = el("div", { id: "prng-error", class: "prng-error", role: "alert" });
  const status = el("p", { id: "prng-status", class: "prng-status", role: "status" });
  const outputs = el("pre", { id: "prng-outputs", class: "prng-outputs", tabindex: 0, "aria-labelledby": "prng-outputs-caption" });
  const canvas = el("canvas", { id: "prng-bitmap", class: "prng-bitmap", width: BITMAP_SIDE, height: BITMAP_SIDE, role: "img" });
  const histBytes = svg("svg", {
    id: "prng-hist-bytes",
    class: "prng-svg",
    role: "img",
    width: HIST.width,
    height: HIST.height,
    viewBox: `0 0 ${HIST.width} ${HIST.height}`,
  });
  const histBits = svg("svg", {
    id: "prng-hist-bits",
    class: "prng-svg",
    role: "img",
    width: HIST.width,
    height: HIST.height,
    viewBox: `0 0 ${HIST.width} ${HIST.height}`,
  });
  const table = el(
    "table",
    { id: "prng-quality", class: "prng-quality" },
    el("thead", {}, el("tr", {}, ...["Test", "Statistic", "p-value(s)", "Result"].map((h) => el("th", { scope: "col" }, h)))),
    el("tbody"),
  );
  const bytesNote = el("p", { class: "prng-note" });
  const bitsNote = el(
    "p",
    { class: "prng-note" },
    "Over the generator's 32-bit words as the RNG register delivers them (glibc rand's bit 31 is always 0).",
  );
  const results = el(
    "div",
    { class: "prng-results", "aria-busy": "false" },
    el("figure", { class: "prng-figure" }, el("figcaption", { id: "prng-outputs-caption" }, `First ${OUTPUT_COUNT} outputs (decimal)`), outputs),
    el("figure", { class: "prng-figure" }, el("figcaption", {}, "First 8 KiB, one pixel per bit"), canvas),
    el("figure", { class: "prng-figure" }, el("figcaption", {}, "Byte values"), histBytes, bytesNote),
    el("figure", { class: "prng-figure" }, el("figcaption", {}, "Ones per bit position"), histBits, bitsNote),
    el("div", { class: "prng-quality-wrap" }, table),
  );

  const section = el(
    "section",
    { class: "prng-page", "aria-labelledby": "prng-heading" },
    el("style", {}, STYLE),
    el("h2", { id: "prng-heading" }, "PRNGs"),
    form,
    errorBox,
    status,
    results,
  );
  root.append(section);

  let lastBitmap: Uint8Array | undefined;

  function showDescription(): void {
    const f = findPrng(genSelect.value);
    genDesc.textContent = f ? f.info.description : `'${genSelect.value}' is not a known generator.`;
  }

  function showResults(report: PrngReport | undefined): void {
    outputs.textContent = report ? report.outputs.join("\n") : "";
    lastBitmap = report?.bitmapBytes;
    drawBitmap(canvas, lastBitmap);
    canvas.setAttribute("aria-label", bitmapLabel(lastBitmap));
    drawByteHistogram(histBytes, report?.byteCounts);
    bytesNote.textContent = report ? `Over the tested stream: ${report.bytes} bytes, ${describeView(report, report.outputBits)}.` : "";
    drawBitHistogram(histBits, report?.bitOnes, report?.words ?? 0);
    fillQuality(table, report?.battery);
  }

  function markInvalid(field: PrngErrorField | undefined): void {
    const controls: Record<PrngErrorField, HTMLElement> = { gen: genSelect, seed: seedInput, bytes: bytesSelect };
    for (const [name, control] of Object.entries(controls) as [PrngErrorField, HTMLElement][]) {
      if (name === field) {
        control.setAttribute("aria-invalid", "true");
        control.setAttribute("aria-errormessage", "prng-error");
      } else {
        control.removeAttribute("aria-invalid");
        control.removeAttribute("aria-errormessage");
      }
    }
  }

  function showError(err: PrngError): void {
    errorBox.textContent = err.error;
    markInvalid(err.field);
    status.textContent = "Not run.";
    results.setAttribute("aria-busy", "false");
    showResults(undefined);
  }

  // --- the worker: one at a time; a new run while one computes ends the old worker ---
  let worker: Worker | undefined;
  let busy = false;
  let runId = 0;
  let disposed = false;

  function run(): void {
    if (disposed) return;
    const request: PrngRequest = { gen: current.gen, seed: current.seed.trim(), bytes: current.bytes, register: current.register };
    const id = ++runId;
    if (busy && worker) {
      worker.terminate();
      worker = undefined;
    }
    try {
      worker ??= new Worker(new URL("./prng-worker.ts", import.meta.url), { type: "module" });
    } catch (e) {
      worker = undefined;
      showError({ error: `cannot start the PRNG worker: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
    const w = worker;
    busy = true;
    const t0 = performance.now();
    status.textContent = `Computing ${request.gen}, seed ${request.seed}, ${request.bytes} bytes…`;
    results.setAttribute("aria-busy", "true");
    w.onmessage = (event: MessageEvent<PrngReply>) => {
      if (id !== runId || disposed) return;
      busy = false;
      results.setAttribute("aria-busy", "false");
      const reply = event.data;
      if ("error" in reply) {
        showError(reply);
        return;
      }
      errorBox.textContent = "";
      markInvalid(undefined);
      showResults(reply);
      const total = performance.now() - t0;
      status.textContent =
        `${reply.gen}, seed ${reply.seed}, ${reply.bytes} bytes, ${describeView(reply, reply.outputBits)}: ` +
        `computed in ${reply.ms.toFixed(0)} ms (host, in the worker), ${total.toFixed(0)} ms round trip.`;
    };
    const fail = (message: string) => {
      if (id !== runId || disposed) return;
      busy = false;
      w.terminate();
      if (worker === w) worker = undefined;
      showError({ error: `the PRNG worker failed: ${message}` });
    };
    w.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      fail(event.message || "error");
    };
    w.onmessageerror = () => fail("its reply could not be read");
    w.postMessage(request);
  }

  // --- events ---
  function changed(): void {
    current = {
      gen: genSelect.value,
      seed: seedInput.value,
      bytes: Number(bytesSelect.value),
      register: registerBox.checked,
    };
    if (!sameSettings(current, notified)) {
      notified = { ...current };
      onChange({ ...current });
    }
  }
  genSelect.addEventListener("change", () => {
    showDescription();
    changed();
  });
  seedInput.addEventListener("input", changed);
  bytesSelect.addEventListener("change", changed);
  registerBox.addEventListener("change", changed);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    changed();
    run();
  });

  // The bitmap's colours follow the theme: redraw it when the theme may have changed.
  const redraw = () => {
    if (!disposed) drawBitmap(canvas, lastBitmap);
  };
  const media = typeof matchMedia === "function" ? matchMedia("(prefers-color-scheme: dark)") : undefined;
  media?.addEventListener("change", redraw);
  const observer = typeof MutationObserver === "function" ? new MutationObserver(redraw) : undefined;
  for (const target of [document.documentElement, document.body]) {
    if (target) observer?.observe(target, { attributes: true, attributeFilter: ["class", "style", "data-theme"] });
  }

  showDescription();
  showResults(undefined);
  run();

  return {
    dispose(): void {
      if (disposed) return;
      disposed = true;
      runId++;
      worker?.terminate();
      worker = undefined;
      media?.removeEventListener("change", redraw);
      observer?.disconnect();
      section.remove();
    },
  };
}
