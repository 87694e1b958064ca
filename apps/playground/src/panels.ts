// The lab tab's side panels: the machine (its options as a form and as text, the PCI functions with their
// BARs, the physical address map to scale) and my_rng (its registers live, and the kernel's view of it).
import type { AddressRange, FunctionView, MachineView, MyRngView } from "@rng/lab";
import { PRNGS } from "@rng/prngs";
import { h, hex, s, sizeText } from "./dom.js";
import { DEVICE_CHOICES, argsFromForm, formFromArgs, textFromArgs, type MachineForm } from "./machine-form.js";
import { splitOptions, type Driver } from "./url-state.js";

export interface MachinePanelEvents {
  /** Boot a new machine with these options and driver (the session starts over). */
  boot(machineText: string, driver: Driver, profile: "tcg" | "kvm"): void;
}

export class MachinePanel {
  readonly el: HTMLElement;
  private form: MachineForm;
  private readonly text: HTMLTextAreaElement;
  private readonly formBox: HTMLElement;
  private readonly error: HTMLElement;
  private readonly pci: HTMLElement;
  private readonly map: HTMLElement;
  private readonly status: HTMLElement;
  private driver: Driver;
  private profile: "tcg" | "kvm";

  constructor(machineText: string, driver: Driver, profile: "tcg" | "kvm", private readonly events: MachinePanelEvents) {
    this.driver = driver;
    this.profile = profile;
    const args = splitOptions(machineText);
    this.form = formFromArgs(Array.isArray(args) ? args : []);
    this.text = h("textarea", { id: "machine-text", rows: 2, spellcheck: "false", "aria-describedby": "machine-text-help" }) as HTMLTextAreaElement;
    this.text.value = machineText;
    this.text.addEventListener("input", () => this.fromText());
    this.text.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        this.boot();
      }
    });
    this.formBox = h("div", { class: "machine-form" });
    this.error = h("p", { class: "error", role: "alert" });
    this.status = h("p", { class: "muted", "aria-live": "polite", id: "machine-status" });
    this.pci = h("div", { id: "pci-functions" });
    this.map = h("div", { id: "address-map" });
    this.el = h(
      "section",
      { class: "panel", "aria-labelledby": "machine-h" },
      h("h2", { id: "machine-h" }, "Machine"),
      this.formBox,
      h("label", { for: "machine-text" }, "QEMU options (qemu-system-x86_64 …)"),
      this.text,
      h("p", { id: "machine-text-help", class: "muted" }, "Edit the form or the text, then Boot (Ctrl+Enter in the text). Booting starts a new session."),
      h("div", { class: "row" }, h("button", { id: "machine-boot", type: "button", onclick: () => this.boot() }, "Boot"), this.status),
      this.error,
      h("h3", {}, "PCI functions"),
      this.pci,
      h("h3", {}, "Physical address map"),
      this.map,
    );
    this.renderForm();
    // The map's frame is there from the start, so the page does not move when the first view arrives.
    this.map.replaceChildren(addressMap([]), rangeList([]));
  }

  private fromText(): void {
    const args = splitOptions(this.text.value);
    if (!Array.isArray(args)) {
      this.error.textContent = args.error;
      return;
    }
    this.error.textContent = "";
    this.form = formFromArgs(args);
    this.renderForm();
    this.status.textContent = "changed: Boot to start the machine with these options";
  }

  private fromForm(): void {
    this.text.value = textFromArgs(argsFromForm(this.form));
    this.renderForm();
    this.status.textContent = "changed: Boot to start the machine with these options";
  }

  private boot(): void {
    const args = splitOptions(this.text.value);
    if (!Array.isArray(args)) {
      this.error.textContent = args.error;
      return;
    }
    this.status.textContent = "booting…";
    this.events.boot(this.text.value, this.driver, this.profile);
  }

  /** The options text changed from outside (the my_rng panel picked a generator). */
  setMachineText(text: string): void {
    this.text.value = text;
    this.fromText();
  }

  get machineText(): string {
    return this.text.value;
  }

  private renderForm(): void {
    const f = this.form;
    const memory = h("input", { id: "machine-memory", value: f.memory, size: 6, onchange: (e: Event) => ((f.memory = (e.target as HTMLInputElement).value.trim() || "128"), this.fromForm()) });
    const nodefaults = h("input", { id: "machine-nodefaults", type: "checkbox", checked: f.nodefaults, onchange: (e: Event) => ((f.nodefaults = (e.target as HTMLInputElement).checked), this.fromForm()) });
    const driver = h(
      "select",
      { id: "machine-driver", onchange: (e: Event) => ((this.driver = (e.target as HTMLSelectElement).value as Driver), (this.status.textContent = "changed: Boot to start the machine with this driver")) },
      ...(["builtin", "module", "pci"] as const).map((d) => h("option", { value: d, selected: d === this.driver }, d === "builtin" ? "built-in my_rng (base hard-coded)" : d === "module" ? "my_rng.ko (insmod base=…)" : "my_rng_pci (probes PCI)")),
    );
    const profile = h(
      "select",
      { id: "machine-profile", onchange: (e: Event) => ((this.profile = (e.target as HTMLSelectElement).value as "tcg" | "kvm"), (f.kvm = this.profile === "kvm"), this.fromForm()) },
      h("option", { value: "tcg", selected: !f.kvm && this.profile === "tcg" }, "TCG (the measured profile)"),
      h("option", { value: "kvm", selected: f.kvm || this.profile === "kvm" }, "KVM (published figures)"),
    );
    const list = h("ol", { class: "devices", "aria-label": "-device options, in order" });
    f.devices.forEach((d, i) => {
      const move = (to: number) => {
        const [x] = f.devices.splice(i, 1);
        f.devices.splice(to, 0, x);
        this.fromForm();
        (this.formBox.querySelectorAll<HTMLButtonElement>(`[data-device="${to}"]`)[0] as HTMLElement | undefined)?.focus();
      };
      list.append(
        h(
          "li",
          {},
          h("code", {}, `-device ${d}`),
          " ",
          h("button", { type: "button", "data-device": i, "aria-label": `move ${d} up`, disabled: i === 0, onclick: () => move(i - 1) }, "↑"),
          h("button", { type: "button", "aria-label": `move ${d} down`, disabled: i === f.devices.length - 1, onclick: () => move(i + 1) }, "↓"),
          h("button", { type: "button", "aria-label": `remove ${d}`, onclick: () => (f.devices.splice(i, 1), this.fromForm()) }, "✕"),
        ),
      );
    });
    const add = h("select", { id: "machine-add" }, ...DEVICE_CHOICES.map((d) => h("option", { value: d }, d)));
    const where = h(
      "select",
      { id: "machine-add-where", "aria-label": "where to add it" },
      h("option", { value: String(f.devices.length) }, "at the end"),
      ...f.devices.map((d, i) => h("option", { value: String(i) }, `before ${d}`)),
    );
    this.formBox.replaceChildren(
      h("div", { class: "row" }, h("label", { for: "machine-memory" }, "-m"), memory, h("label", {}, nodefaults, " -nodefaults"), h("label", { for: "machine-profile" }, "accel"), profile),
      h("div", { class: "row" }, h("label", { for: "machine-driver" }, "guest driver"), driver),
      list,
      h(
        "div",
        { class: "row" },
        h("label", { for: "machine-add" }, "add -device"),
        add,
        where,
        h("button", { type: "button", id: "machine-add-button", onclick: () => (f.devices.splice(Number(where.value), 0, add.value), this.fromForm()) }, "Add"),
      ),
    );
  }

  /** Shows the machine as it is now (after boot, after every command: hotplug changes it). */
  update(v: MachineView, bootedText?: string): void {
    if (bootedText !== undefined) this.status.textContent = "running";
    this.pci.replaceChildren(pciTable(v.functions));
    this.map.replaceChildren(addressMap(v.map), rangeList(v.map));
  }

  setStatus(text: string): void {
    this.status.textContent = text;
  }

  showError(text: string): void {
    this.error.textContent = text;
    this.status.textContent = "";
  }
}

function barText(b: FunctionView["bars"][number]): string {
  const where = b.addr === undefined ? "unassigned" : b.kind === "io" ? hex(b.addr, 4) : hex(b.addr);
  const name = b.kind === "rom" ? "ROM" : `BAR${b.index}`;
  return `${name} ${b.kind === "rom" ? "mem32" : b.kind}${b.prefetchable ? " pref" : ""} ${where} [${sizeText(b.size)}]`;
}

function pciTable(fns: FunctionView[]): HTMLTableElement {
  return h(
    "table",
    { class: "pci" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "BDF"), h("th", { scope: "col" }, "device"), h("th", { scope: "col" }, "BARs"), h("th", { scope: "col" }, "driver"))),
    h(
      "tbody",
      {},
      ...fns.map((f) =>
        h(
          "tr",
          { "data-bdf": f.bdf, "data-type": f.typeName },
          h("td", {}, h("code", {}, f.bdf)),
          h("td", {}, `${f.typeName} `, h("span", { class: "muted" }, `${hex(f.vendorId, 4).slice(2)}:${hex(f.deviceId, 4).slice(2)}${f.qdevId ? ` id=${f.qdevId}` : ""}`)),
          h("td", {}, ...f.bars.map((b) => h("div", { class: "bar", "data-bar": b.index, "data-addr": b.addr === undefined ? "" : hex(b.addr) }, barText(b)))),
          h("td", {}, f.driver ?? "—"),
        ),
      ),
    ),
  );
}

const FOUR_GIB = 2 ** 32;
const MIB = 1 << 20;

/**
 * The physical address map, to scale: the whole 4 GiB, then the PCI window's part that holds the BARs
 * (a 4 KiB BAR is a millionth of 4 GiB), each bar linear in its own range, a zoom band between them.
 */
function addressMap(ranges: AddressRange[]): SVGSVGElement {
  const W = 560;
  const rowH = 26;
  const low = ranges.filter((r) => r.end < FOUR_GIB);
  const bars = low.filter((r) => r.kind === "pci");
  const zoomStart = bars.length ? Math.floor(Math.min(...bars.map((r) => r.start)) / MIB) * MIB : 0xfe000000;
  const zoomEnd = bars.length ? Math.ceil((Math.max(...bars.map((r) => r.end)) + 1) / MIB) * MIB : FOUR_GIB;
  const svg = s("svg", { viewBox: `0 0 ${W} 150`, width: "100%", role: "img", "aria-labelledby": "map-title", class: "map" });
  svg.append(s("title", { id: "map-title" }, `Physical address map: RAM, firmware and ${bars.length} PCI memory ranges; zoomed band ${hex(zoomStart)}–${hex(zoomEnd - 1)}`));
  const row = (y: number, from: number, to: number, label: string, detail: boolean) => {
    const scale = (a: number) => ((a - from) / (to - from)) * W;
    svg.append(s("rect", { x: 0, y, width: W, height: rowH, class: "map-bg" }));
    for (const r of low) {
      if (r.end < from || r.start >= to) continue;
      const x0 = scale(Math.max(r.start, from));
      const x1 = scale(Math.min(r.end + 1, to));
      const rect = s("rect", { x: x0.toFixed(2), y, width: Math.max(1.5, x1 - x0).toFixed(2), height: rowH, class: `map-${r.kind}`, "data-start": hex(r.start), "data-label": r.label });
      rect.append(s("title", {}, `${hex(r.start)}-${hex(r.end)} ${r.label}`));
      svg.append(rect);
      if (detail && r.kind === "pci") svg.append(s("text", { x: (x0 + 2).toFixed(1), y: y + rowH + 12, class: "map-label" }, hex(r.start).slice(2)));
    }
    svg.append(s("text", { x: 0, y: y - 4, class: "map-axis" }, `${label}: ${hex(from)}`), s("text", { x: W, y: y - 4, class: "map-axis", "text-anchor": "end" }, hex(to - 1)));
  };
  row(16, 0, FOUR_GIB, "0–4 GiB", false);
  // The zoom band: where the lower bar's window sits in the full range.
  const zx0 = (zoomStart / FOUR_GIB) * W;
  const zx1 = (zoomEnd / FOUR_GIB) * W;
  svg.append(s("path", { d: `M${zx0.toFixed(1)},${16 + rowH} L0,${80} L${W},${80} L${zx1.toFixed(1)},${16 + rowH} Z`, class: "map-zoom" }));
  row(80, zoomStart, zoomEnd, `PCI BARs (${sizeText(zoomEnd - zoomStart)})`, true);
  return svg;
}

/** The ranges as text, as /proc/iomem lists them. */
function rangeList(ranges: AddressRange[]): HTMLElement {
  return h("pre", { class: "ranges", "aria-label": "address ranges" }, ranges.map((r) => `${r.start.toString(16).padStart(8, "0")}-${r.end.toString(16).padStart(8, "0")} : ${r.label}`).join("\n"));
}

export interface MyRngPanelEvents {
  /** "r ADDR" / "w ADDR VALUE" through the CPU; resolves with the answer. */
  register(text: string): Promise<string>;
  /** A version-1 device's generator is a -device property: change it and reboot; or say why not. */
  setPrng(bdf: string, name: string): string | undefined;
}

const V2_PRNG = 0x14;

export class MyRngPanel {
  readonly el: HTMLElement;
  private readonly body: HTMLElement;
  private readonly values = new Map<string, string[]>();

  constructor(private readonly events: MyRngPanelEvents) {
    this.body = h("div", { id: "my-rng-devices" });
    this.el = h("section", { class: "panel", "aria-labelledby": "myrng-h" }, h("h2", { id: "myrng-h" }, "my_rng"), this.body);
  }

  /** A register read the guest's session took ("r ADDR", live or replayed): RNG reads show in the list. */
  noteRead(request: string, answer: string): void {
    const m = /^r\s+(\S+)$/.exec(request.trim());
    if (!m || !/^\d+\s*$/.test(answer)) return;
    const key = hex(Number(m[1]));
    const list = this.values.get(key) ?? [];
    list.push(answer.trim());
    if (list.length > 8) list.shift();
    this.values.set(key, list);
    const out = [...this.body.querySelectorAll<HTMLElement>("output[data-base]")].find((o) => o.dataset.base === key);
    if (out) out.textContent = list.join(" ");
  }

  /** A new machine: the numbers read from the old one are not its. */
  reset(): void {
    this.values.clear();
  }

  update(v: MachineView): void {
    if (!v.myRng.length) {
      this.body.replaceChildren(h("p", { class: "muted" }, "No my_rng on this machine: add -device my_rng in the machine panel, or device_add my_rng in the monitor (Ctrl-A c)."));
      return;
    }
    // Keep focus where it was: rebuilding replaces the buttons.
    const focused = document.activeElement?.id;
    this.body.replaceChildren(...v.myRng.map((d) => this.device(d)));
    if (focused) document.getElementById(focused)?.focus();
  }

  private device(d: MyRngView): HTMLElement {
    const id = d.bdf.replace(/[:.]/g, "-");
    const base = d.bar0;
    const values = (base !== undefined && this.values.get(hex(base))) || [];
    const out = h("output", { id: `rng-values-${id}`, "aria-live": "polite", class: "values", "data-base": base === undefined ? "" : hex(base) }, values.join(" "));
    const seed = h("input", { id: `rng-seed-${id}`, value: "66", size: 10, inputmode: "numeric" });
    const err = h("span", { class: "error", role: "alert" });
    // The value shows through noteRead, which a replayed link's reads reach too.
    const read = async () => {
      if (base !== undefined) await this.events.register(`r ${hex(base)}`);
    };
    const write = async () => {
      if (base === undefined) return;
      const n = Number(seed.value.trim());
      if (!/^\s*(0x[0-9a-f]+|\d+)\s*$/i.test(seed.value) || !Number.isSafeInteger(n) || n > 0xffffffff) {
        err.textContent = "SEED takes a 32-bit unsigned number";
        return;
      }
      err.textContent = (await this.events.register(`w ${hex(base + 4)} ${n}`)).trim();
    };
    const prng = h(
      "select",
      {
        id: `rng-prng-${id}`,
        onchange: async (e: Event) => {
          const name = (e.target as HTMLSelectElement).value;
          if (d.version === 2 && base !== undefined) {
            const index = PRNGS.findIndex((p) => p.info.name === name);
            err.textContent = (await this.events.register(`w ${hex(base + V2_PRNG)} ${index}`)).trim();
          } else {
            const why = this.events.setPrng(d.bdf, name);
            if (why) {
              err.textContent = why;
              (e.target as HTMLSelectElement).value = d.prng ?? "";
            }
          }
        },
      },
      ...PRNGS.map((p) => h("option", { value: p.info.name, selected: p.info.name === d.prng }, p.info.name)),
    );
    const kernel = d.nodes.length ? d.nodes.map((n) => `${n.path} (${n.major}:${n.minor}${n.driverName ? `, ${n.driverName}` : ""})`).join(", ") : "no /dev node yet";
    return h(
      "div",
      { class: "myrng", "data-bdf": d.bdf },
      h("h3", {}, `${d.bdf}, version ${d.version}`, base !== undefined ? ` at ${hex(base)}` : " (BAR 0 unassigned)"),
      h("dl", {}, h("dt", {}, "guest driver"), h("dd", { "data-field": "driver" }, d.driver ?? "none bound"), h("dt", {}, "my_rng /dev nodes"), h("dd", { "data-field": "nodes" }, kernel)),
      h("div", { class: "row" }, h("button", { type: "button", id: `rng-read-${id}`, disabled: base === undefined, onclick: () => void read() }, "Read RNG"), out),
      h(
        "div",
        { class: "row" },
        h("label", { for: `rng-seed-${id}` }, "SEED"),
        seed,
        h("button", { type: "button", id: `rng-write-${id}`, disabled: base === undefined, onclick: () => void write() }, "Write SEED"),
      ),
      h("div", { class: "row" }, h("label", { for: `rng-prng-${id}` }, d.version === 2 ? "PRNG register" : "prng= (reboots)"), prng),
      err,
    );
  }
}
