// The playground: the lab (terminal, machine and my_rng panels), the ladder, the PRNGs. The whole session
// lives in the URL's fragment, updated as the guest takes each request.
import "./style.css";
import type { MachineView } from "@rng/lab";
import { LabTerminal } from "./lab-terminal.js";
import { LadderPage } from "./ladder-page.js";
import { MachinePanel, MyRngPanel } from "./panels.js";
import { mountPrngPage } from "./prng-page.js";
import { formFromArgs, argsFromForm, textFromArgs } from "./machine-form.js";
import { decodeState, encodeState, splitOptions, type Page, type PlaygroundState } from "./url-state.js";

const t0 = performance.now();
const decoded = decodeState(location.hash);
const state: PlaygroundState = decoded.state;
const linkStatus = document.getElementById("link-status")!;
if (decoded.error) linkStatus.textContent = `${decoded.error}: starting a new session.`;

// The theme: the system's unless chosen here (kept in this browser, not in the link).
const themeButton = document.getElementById("theme")!;
function applyTheme(dark: boolean): void {
  document.documentElement.dataset.theme = dark ? "dark" : "light";
  themeButton.setAttribute("aria-pressed", String(dark));
  themeButton.textContent = dark ? "Light theme" : "Dark theme";
  // The terminal reads its colours when made; after that it follows the page.
  terminalRef.current?.retheme();
}
const savedTheme = localStorage.getItem("rnglab-theme");
const terminalRef: { current?: LabTerminal } = {};
applyTheme(savedTheme ? savedTheme === "dark" : matchMedia("(prefers-color-scheme: dark)").matches);
themeButton.addEventListener("click", () => {
  const dark = document.documentElement.dataset.theme !== "dark";
  localStorage.setItem("rnglab-theme", dark ? "dark" : "light");
  applyTheme(dark);
});

/** The fragment this page wrote last (replaceState fires no hashchange; a pasted link does). */
let ownHash = location.hash;
function saveUrl(): void {
  ownHash = encodeState(state);
  history.replaceState(null, "", ownHash);
}

/** firstPrompt: ms from navigation start (performance's time origin) to the first prompt on screen. */
const timings: { firstPrompt?: number; scriptStart: number; bootMs?: number; replayMs?: number } = { scriptStart: t0 };
let view: MachineView | undefined;

const machinePanel = new MachinePanel(state.machine, state.driver, state.profile, {
  boot(text, driver, profile) {
    state.machine = text;
    state.driver = driver;
    state.profile = profile;
    state.log = [];
    saveUrl();
    boot();
  },
});
const myRngPanel = new MyRngPanel({
  register: (text) => terminal.register(text),
  setPrng(bdf, name) {
    // A version-1 device's generator is its -device prng= property: the n-th my_rng in slot order is the
    // n-th my_rng option (hot-added ones have none: the machine restarts without them).
    const args = splitOptions(state.machine);
    if (!Array.isArray(args) || !view) return "the machine options cannot be read: fix them in the machine panel";
    const form = formFromArgs(args);
    const index = view.myRng.findIndex((d) => d.bdf === bdf);
    const rngOptions = form.devices.map((d, i) => [d, i] as const).filter(([d]) => /^my_rng(,|$)/.test(d));
    const target = rngOptions[index];
    if (!target) return "this my_rng was hot-added: its generator is fixed (device_add my_rng,prng=NAME picks one)";
    const [dev, i] = target;
    const props = dev.split(",").filter((p) => !p.startsWith("prng="));
    form.devices[i] = [...props, `prng=${name}`].join(",");
    machinePanel.setMachineText(textFromArgs(argsFromForm(form)));
    state.machine = machinePanel.machineText;
    state.log = [];
    saveUrl();
    boot();
    return undefined;
  },
});
document.getElementById("side")!.append(machinePanel.el, myRngPanel.el);

const terminal = new LabTerminal(document.getElementById("terminal")!, {
  log(log) {
    state.log = log;
    saveUrl();
  },
  registerRead(request, answer) {
    myRngPanel.noteRead(request, answer);
  },
  bootFailed() {
    machinePanel.setStatus("not started: fix the options and Boot again");
  },
  poweredOff() {
    machinePanel.setStatus("powered off");
  },
  notice(text) {
    linkStatus.textContent = text;
  },
  escape() {
    document.getElementById("machine-memory")?.focus();
  },
  view(v) {
    view = v;
    machinePanel.update(v);
    myRngPanel.update(v);
  },
  ready(info) {
    timings.firstPrompt ??= performance.now();
    timings.bootMs = info.bootMs;
    timings.replayMs = info.replayMs;
    machinePanel.update(view!, state.machine);
    // Options QEMU accepts that do not change the modeled machine (the CLI prints these as notes).
    machinePanel.setStatus(info.notes.length ? `running; note: ${info.notes.join("; ")}` : "running");
    document.documentElement.dataset.ready = "true";
  },
});
terminalRef.current = terminal;

function boot(): void {
  const args = splitOptions(state.machine);
  if (!Array.isArray(args)) {
    machinePanel.showError(args.error);
    return;
  }
  document.documentElement.dataset.ready = "false";
  myRngPanel.reset();
  terminal.boot({ machineArgs: args, driver: state.driver, profile: state.profile, replay: state.log });
}

// Pages: the ladder and the PRNG page are built on first visit (the PRNG page computes when it opens).
const ladder = new LadderPage(state.bench, (b) => ((state.bench = b), saveUrl()));
document.getElementById("page-ladder")!.append(ladder.el);
let prngMounted = false;

function show(page: Page): void {
  state.page = page;
  for (const p of ["lab", "ladder", "prng"] as const) {
    document.getElementById(`page-${p}`)!.hidden = p !== page;
    const link = document.getElementById(`nav-${p}`)!;
    if (p === page) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  if (page === "prng" && !prngMounted) {
    prngMounted = true;
    mountPrngPage(document.getElementById("page-prng")!, state.prng, (p) => ((state.prng = p), saveUrl()));
  }
  if (page === "lab") terminal.focus();
  saveUrl();
}
for (const a of document.querySelectorAll<HTMLAnchorElement>("nav a")) {
  a.addEventListener("click", (e) => {
    e.preventDefault();
    show(a.dataset.page as Page);
  });
}

document.getElementById("copy-link")!.addEventListener("click", async () => {
  saveUrl();
  try {
    await navigator.clipboard.writeText(location.href);
    linkStatus.textContent = "Link copied: it replays this session, byte for byte.";
  } catch {
    linkStatus.textContent = `Copy this link: ${location.href}`;
  }
});

// For the end-to-end tests and the measurement script: the terminal's text and the timings.
const api = {
  transcript: () => terminal.transcript,
  bufferText: () => terminal.bufferText(),
  columns: () => terminal.term.cols,
  timings,
  ladder: () => ladder.last,
  state: () => structuredClone(state),
};
(globalThis as unknown as { rnglab: typeof api }).rnglab = api;

// A link opened in a tab that already shows the playground changes only the fragment: start its session.
addEventListener("hashchange", () => {
  if (location.hash !== ownHash) location.reload();
});

/**
 * The service worker (public/sw.js) keeps the files for offline use and adds the isolation headers a
 * plain static host does not send. The first visit reloads once to come under it; never more than once a
 * session, so a browser that will not isolate still gets the lab (without shared memory).
 */
async function underServiceWorker(): Promise<"reloading" | "ready"> {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return "ready";
  // Isolated already (the host sends the headers): boot at once; the worker registers for offline use.
  if (globalThis.crossOriginIsolated) {
    navigator.serviceWorker.register("./sw.js").catch(() => undefined);
    return "ready";
  }
  try {
    const registration = await navigator.serviceWorker.register("./sw.js");
    if (sessionStorage.getItem("rnglab-sw-reloaded")) return "ready";
    // Active but not in control (a hard reload bypasses it): a normal reload comes under it at once.
    if (!navigator.serviceWorker.controller && !registration.active) {
      await new Promise<void>((resolve) => {
        navigator.serviceWorker.addEventListener("controllerchange", () => resolve(), { once: true });
        setTimeout(resolve, 3000);
      });
    }
    if (!navigator.serviceWorker.controller && !registration.active) return "ready";
    sessionStorage.setItem("rnglab-sw-reloaded", "1");
    location.reload();
    return "reloading";
  } catch {
    return "ready";
  }
}

show(state.page);
void underServiceWorker().then((s) => {
  if (s === "ready") boot();
});
