// The ladder page: run designs and transfer sizes, see throughput (log scale) and where each call's time
// goes, with the real QEMU TCG measurements drawn beside the simulated points.
import { BENCH_DESIGNS } from "@rng/driver";
import { COST_CATEGORIES } from "@rng/hw-qemu";
import { CATEGORY_COLOURS, LADDER_TCG_SOURCE, SWEEP_SIZES, ladderReference, type BenchResult } from "@rng/lab";
import { h, s, sizeText } from "./dom.js";
import type { BenchMessage, BenchRequest } from "./ladder-plan.js";
import { splitOptions, type BenchSettings } from "./url-state.js";


export interface LadderRun {
  results: BenchResult[];
  hostMs: number;
}

export class LadderPage {
  readonly el: HTMLElement;
  private readonly progress: HTMLProgressElement;
  private readonly status: HTMLElement;
  private readonly out: HTMLElement;
  private readonly runButton: HTMLButtonElement;
  private worker: Worker | undefined;
  /** The last completed run (tests and the measurement script read it). */
  last: LadderRun | undefined;

  constructor(
    private settings: BenchSettings,
    private readonly onChange: (s: BenchSettings) => void,
  ) {
    this.progress = h("progress", { id: "ladder-progress", max: 1, value: 0, "aria-label": "runs done" }) as HTMLProgressElement;
    this.status = h("p", { id: "ladder-status", "aria-live": "polite", class: "muted" }, "Choose designs and sizes, then Run.");
    this.out = h("div", { id: "ladder-results" });
    this.runButton = h("button", { type: "button", id: "ladder-run", onclick: () => this.toggle() }, "Run") as HTMLButtonElement;
    this.el = h(
      "section",
      { class: "page", "aria-labelledby": "ladder-h" },
      h("h2", { id: "ladder-h" }, "The ladder: how far better designs go"),
      h(
        "p",
        { class: "muted" },
        "Each design's user program reads numbers from the guest on a fresh machine; times are virtual (deterministic), from the cost profile. Diamonds: ",
        LADDER_TCG_SOURCE,
        ".",
      ),
      this.controls(),
      h("div", { class: "row" }, this.runButton, this.progress, this.status),
      this.out,
    );
  }

  private controls(): HTMLElement {
    const st = this.settings;
    const changed = () => this.onChange(this.settings);
    const designs = checkboxes("Designs", "design", Object.keys(BENCH_DESIGNS), (d) => d, st.designs, (v) => ((st.designs = v), changed()));
    const sizes = checkboxes("Bytes per call (read, dma, hwrng, copy-only)", "size", [...SWEEP_SIZES], sizeText, st.sizes, (v) => ((st.sizes = v), changed()));
    const profile = h(
      "select",
      { id: "ladder-profile", onchange: (e: Event) => ((st.profile = (e.target as HTMLSelectElement).value as "tcg" | "kvm"), changed()) },
      h("option", { value: "tcg", selected: st.profile === "tcg" }, "tcg"),
      h("option", { value: "kvm", selected: st.profile === "kvm" }, "kvm"),
    );
    const machine = h("input", {
      id: "ladder-machine",
      value: st.machine,
      size: 48,
      placeholder: "each design's default: -device my_rng[,version=2]",
      onchange: (e: Event) => ((st.machine = (e.target as HTMLInputElement).value), changed()),
    });
    return h("div", { class: "controls" }, designs, sizes, h("div", { class: "row" }, h("label", { for: "ladder-profile" }, "profile"), profile, h("label", { for: "ladder-machine" }, "machine"), machine));
  }

  private toggle(): void {
    if (this.worker) {
      this.worker.terminate();
      this.worker = undefined;
      this.runButton.textContent = "Run";
      this.status.textContent = "stopped";
      return;
    }
    this.run();
  }

  run(): void {
    const st = this.settings;
    const machine = st.machine.trim() ? splitOptions(st.machine) : undefined;
    if (machine && !Array.isArray(machine)) {
      this.status.textContent = machine.error;
      return;
    }
    if (!st.designs.length) {
      this.status.textContent = "choose at least one design";
      return;
    }
    const sized = st.designs.filter((d) => !BENCH_DESIGNS[d as keyof typeof BENCH_DESIGNS]?.fixed);
    if (sized.length && !st.sizes.length) {
      this.status.textContent = `choose at least one size for ${sized.join(", ")}`;
      return;
    }
    const w = new Worker(new URL("./bench-worker.ts", import.meta.url), { type: "module" });
    this.worker = w;
    this.runButton.textContent = "Stop";
    const results: BenchResult[] = [];
    const skipped: string[] = [];
    this.out.replaceChildren();
    this.progress.value = 0;
    this.status.textContent = "running…";
    w.onmessage = (e: MessageEvent<BenchMessage>) => {
      const m = e.data;
      if (m.type === "progress") {
        this.progress.max = m.total;
        this.progress.value = m.done;
        this.status.textContent = `${m.done}/${m.total}: ${m.label}`;
        if (m.result) results.push(m.result);
        if (m.skipped) skipped.push(m.skipped);
        this.render(results, skipped);
      } else {
        w.terminate();
        this.worker = undefined;
        this.runButton.textContent = "Run";
        if (m.type === "error") this.status.textContent = `error: ${m.text}`;
        else {
          this.last = { results: m.results, hostMs: m.hostMs };
          const calls = m.results.reduce((a, r) => a + r.calls, 0);
          this.status.textContent = `done: ${m.results.length} runs in ${(m.hostMs / 1000).toFixed(2)} s of host time (${((calls / m.hostMs) * 1e3 / 1e6).toFixed(2)} M calls/s in this browser)`;
          this.render(m.results, skipped);
        }
      }
    };
    w.onerror = (e) => {
      this.status.textContent = `error: ${e.message}`;
      this.worker = undefined;
      this.runButton.textContent = "Run";
    };
    const req: BenchRequest = { designs: st.designs, sizes: st.sizes, profile: st.profile, machine: machine as string[] | undefined, bytes: 1 << 20 };
    w.postMessage(req);
  }

  private render(results: BenchResult[], skipped: string[]): void {
    this.out.replaceChildren(chart(results, this.settings.profile), table(results, this.settings.profile), ...skipped.map((t) => h("p", { class: "muted" }, t)));
  }
}

/** A group of checkboxes over `all`; `onChange` gets the checked values in `all`'s order. */
function checkboxes<T extends string | number>(legend: string, name: string, all: T[], label: (v: T) => string, checked: T[], onChange: (v: T[]) => void): HTMLFieldSetElement {
  let now = [...checked];
  return h(
    "fieldset",
    {},
    h("legend", {}, legend),
    ...all.map((v) =>
      h(
        "label",
        { class: "check" },
        h("input", {
          type: "checkbox",
          name,
          value: String(v),
          checked: now.includes(v),
          onchange: (e: Event) => {
            const on = (e.target as HTMLInputElement).checked;
            now = all.filter((x) => (x === v ? on : now.includes(x)));
            onChange(now);
          },
        }),
        ` ${label(v)}`,
      ),
    ),
  );
}

/** Throughput per design and size (log scale) with the measured points, and the per-call breakdown. */
function chart(rows: BenchResult[], profile: string): SVGSVGElement {
  const W = 900;
  const left = 150;
  const barW = 380;
  const stackX = left + barW + 70;
  const stackW = W - stackX - 10;
  const rowH = 22;
  const H = 50 + rows.length * rowH + 44;
  const refs = rows.map((r) => (profile === "tcg" ? ladderReference(r.design, r.bytesPerCall) : undefined));
  const mbps = rows.map((r) => r.bytesPerSecond / 1e6);
  const refMbps = refs.map((p, i) => (p ? (rows[i].bytesPerCall / p.nsPerCall) * 1e3 : undefined));
  const all = [...mbps, ...refMbps.filter((x): x is number => x !== undefined)];
  const max = Math.log10(Math.max(...all, 1) * 2);
  const min = Math.log10(Math.max(Math.min(...all, 1) / 2, 1e-3));
  const x = (v: number) => left + Math.max(1, ((Math.log10(v) - min) / (max - min)) * barW);
  const svg = s("svg", { id: "ladder-chart", viewBox: `0 0 ${W} ${H}`, width: "100%", role: "img", "aria-labelledby": "ladder-chart-title" });
  svg.append(s("title", { id: "ladder-chart-title" }, `Throughput in MB/s (log scale) and where one call's time goes, ${rows.length} runs, profile ${profile}`));
  svg.append(s("text", { x: left, y: 16, class: "chart-head" }, "MB/s (log scale, virtual time)"), s("text", { x: stackX, y: 16, class: "chart-head" }, "one call's time, by category"));
  for (let d = Math.ceil(min); d <= Math.floor(max); d++) {
    const gx = x(10 ** d);
    svg.append(s("line", { x1: gx, x2: gx, y1: 24, y2: H - 40, class: "grid" }), s("text", { x: gx, y: H - 26, class: "axis", "text-anchor": "middle" }, String(10 ** d >= 1 ? 10 ** d : (10 ** d).toFixed(-d))));
  }
  rows.forEach((r, i) => {
    const y = 30 + i * rowH;
    const label = `${r.design} ${sizeText(r.bytesPerCall)}`;
    svg.append(s("text", { x: 4, y: y + 13, class: "label" }, label));
    const bar = s("rect", { x: left, y, width: (x(mbps[i]) - left).toFixed(1), height: rowH - 6, class: "throughput", "data-design": r.design, "data-bytes-per-call": r.bytesPerCall, "data-mbps": mbps[i].toFixed(3) });
    bar.append(s("title", {}, `${label}: ${mbps[i].toFixed(2)} MB/s, ${(r.nsPerCall / 1000).toFixed(3)} µs per call`));
    const ref = refMbps[i];
    // The value after the bar, or after the diamond when the measured point lies beyond the bar.
    const labelX = Math.max(x(mbps[i]), ref !== undefined ? x(ref) + 6 : 0) + 4;
    svg.append(bar, s("text", { x: labelX.toFixed(1), y: y + 12, class: "value" }, mbps[i] >= 100 ? mbps[i].toFixed(0) : mbps[i].toFixed(2)));
    if (ref !== undefined) {
      const rx = x(ref);
      const cy = y + (rowH - 6) / 2;
      const dia = s("path", { d: `M${rx.toFixed(1)},${cy - 6} l6,6 l-6,6 l-6,-6 Z`, class: "reference", "data-design": r.design, "data-bytes-per-call": r.bytesPerCall, "data-mbps": ref.toFixed(3) });
      dia.append(s("title", {}, `measured on real QEMU TCG: ${ref.toFixed(2)} MB/s (${refs[i]!.measured})`));
      svg.append(dia);
    }
    let at = stackX;
    for (const c of COST_CATEGORIES) {
      const ns = r.breakdownNs[c];
      if (!ns) continue;
      const w = (ns / r.virtualNs) * stackW;
      const seg = s("rect", { x: at.toFixed(1), y, width: w.toFixed(1), height: rowH - 6, fill: CATEGORY_COLOURS[c], class: "segment", "data-category": c, "data-share": (ns / r.virtualNs).toFixed(4) });
      seg.append(s("title", {}, `${c}: ${(ns / r.calls / 1000).toFixed(3)} µs per call (${((100 * ns) / r.virtualNs).toFixed(0)} %)`));
      svg.append(seg);
      at += w;
    }
  });
  // The legend under both charts, one entry per category the rows use.
  let lx = 4;
  const ly = H - 14;
  for (const c of COST_CATEGORIES.filter((c) => rows.some((r) => r.breakdownNs[c]))) {
    svg.append(s("rect", { x: lx, y: ly, width: 9, height: 9, fill: CATEGORY_COLOURS[c], class: "legend-key", "data-category": c }), s("text", { x: lx + 12, y: ly + 9, class: "legend" }, c));
    lx += 76;
  }
  return svg;
}

function table(rows: BenchResult[], profile: string): HTMLTableElement {
  const v1 = rows.find((r) => r.design === "v1");
  return h(
    "table",
    { id: "ladder-table" },
    h("caption", {}, "Figures (virtual time); host speed is this browser's"),
    h(
      "thead",
      {},
      h("tr", {}, ...["design", "bytes/call", "µs per call", "MB/s", "measured µs (tcg)", "×v1", "stream", "host calls/s", "host MB/s"].map((t) => h("th", { scope: "col" }, t))),
    ),
    h(
      "tbody",
      {},
      ...rows.map((r) => {
        const ref = profile === "tcg" ? ladderReference(r.design, r.bytesPerCall) : undefined;
        return h(
          "tr",
          {},
          h("td", {}, r.design),
          h("td", { class: "num" }, String(r.bytesPerCall)),
          h("td", { class: "num" }, (r.nsPerCall / 1000).toFixed(3)),
          h("td", { class: "num" }, (r.bytesPerSecond / 1e6).toFixed(2)),
          h("td", { class: "num" }, ref ? (ref.nsPerCall / 1000).toFixed(3) : "—"),
          h("td", { class: "num" }, v1 ? (r.bytesPerSecond / v1.bytesPerSecond).toFixed(1) : "—"),
          h("td", {}, r.stream),
          h("td", { class: "num" }, r.hostCallsPerSecond >= 1e6 ? `${(r.hostCallsPerSecond / 1e6).toFixed(2)} M` : `${(r.hostCallsPerSecond / 1e3).toFixed(1)} k`),
          h("td", { class: "num" }, (r.bytes / Math.max(r.hostSeconds, 1e-9) / 1e6).toFixed(0)),
        );
      }),
    ),
  );
}
