// End to end in a real Chromium (Debian's chromium, driven by playwright-core): the built playground in
// apps/playground/dist, served as static files. Screenshots of each step go to test-artifacts/.
import { createReadStream, existsSync, mkdirSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");
const artifacts = join(root, "test-artifacts");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".json": "application/json" };

/** A static file server, as any host would serve dist/, with the headers that allow shared memory. */
function serve(isolated: boolean): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    let file = join(dist, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!file.startsWith(dist) || !existsSync(file)) {
      res.writeHead(404).end("not found");
      return;
    }
    const headers: Record<string, string> = { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" };
    if (isolated) Object.assign(headers, { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" });
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/` })));
}

let browser: Browser;
let server: Server;
let base: string;
let plainServer: Server;
let plainBase: string;

beforeAll(async () => {
  if (!existsSync(join(dist, "index.html"))) throw new Error("apps/playground/dist is missing: run `pnpm build` first (turbo's test task does)");
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium (.ci/run does) or set CHROMIUM_PATH`);
  mkdirSync(artifacts, { recursive: true });
  ({ server, url: base } = await serve(true));
  ({ server: plainServer, url: plainBase } = await serve(false));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  plainServer?.close();
});

async function open(url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
  await page.goto(url);
  await page.waitForSelector("html[data-ready=true]", { timeout: 30_000 });
  return page;
}

/** The session's output and the terminal's text (scrollback and screen), as the page keeps them. */
const transcript = (p: Page) => p.evaluate(() => (globalThis as unknown as { rnglab: { transcript(): string } }).rnglab.transcript());
const bufferText = (p: Page) => p.evaluate(() => (globalThis as unknown as { rnglab: { bufferText(): string } }).rnglab.bufferText());

/** A link to a fresh session on a version-2 machine with the PCI driver (the URL's state, as the page encodes it). */
const V2_LINK = `#s=${Buffer.from(
  JSON.stringify({ v: 1, p: "lab", m: "-M pc -m 128 -device my_rng,version=2", d: "pci", f: "tcg", l: [], b: { designs: ["v1"], sizes: [4], profile: "tcg", machine: "" }, r: { gen: "glibc-rand", seed: "1", bytes: 65536, register: true } }),
).toString("base64url")}`;

/** The terminal's text as the DOM holds it for screen readers (xterm's accessibility tree), else its rows. */
const screenText = (page: Page) =>
  page.evaluate(() => ((document.querySelector(".xterm-accessibility-tree") ?? document.querySelector(".xterm-rows"))?.textContent ?? "").replace(/\u00a0/g, " "));

async function typeLine(page: Page, line: string): Promise<void> {
  await page.click("#terminal");
  await page.keyboard.type(line);
  await page.keyboard.press("Enter");
}

async function waitForText(page: Page, text: string): Promise<void> {
  try {
    await waitForScreenText(page, text);
  } catch (e) {
    const buffer = await bufferText(page);
    throw new Error(`${(e as Error).message}\nwaiting for ${JSON.stringify(text)}; the terminal holds:\n${buffer.slice(-1500)}`);
  }
}

async function waitForScreenText(page: Page, text: string): Promise<void> {
  // xterm's DOM keeps spaces as no-break spaces.
  await page.waitForFunction((t) => (document.querySelector(".xterm-accessibility-tree") ?? document.querySelector(".xterm-rows"))?.textContent?.replace(/\u00a0/g, " ").includes(t), text, { timeout: 30_000 });
}

describe("the playground in Chromium", () => {
  it("boots to the busybox prompt, and the lab's program prints the lab's numbers", async () => {
    const page = await open(base);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await waitForText(page, "~ #");
    await page.screenshot({ path: join(artifacts, "1-boot.png") });
    await typeLine(page, "mknod /dev/my_rng_driver c 250 0; rng-lab");
    await waitForText(page, "Round 1 number 4: 1957747793");
    const text = await screenText(page);
    expect(text).toContain("Round 0 number 0: 1804289383");
    await page.screenshot({ path: join(artifacts, "2-rng-lab.png") });
    await page.close();
  }, 60_000);

  it("loads without layout shift; the terminal resizes with the window; Esc leaves it for the panels", async () => {
    const page = await open(base);
    // Cumulative layout shift since navigation, as Chromium reports it (the Layout Instability API).
    const cls = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let sum = 0;
          new PerformanceObserver((list) => {
            for (const e of list.getEntries() as (PerformanceEntry & { value: number })[]) sum += e.value;
          }).observe({ type: "layout-shift", buffered: true });
          setTimeout(() => resolve(sum), 300);
        }),
    );
    expect(cls).toBeLessThan(0.01);
    const api = () => (globalThis as unknown as { rnglab: { columns(): number } }).rnglab.columns();
    const wide = await page.evaluate(api);
    await page.setViewportSize({ width: 900, height: 700 });
    await page.waitForFunction((w) => (globalThis as unknown as { rnglab: { columns(): number } }).rnglab.columns() !== w, wide);
    expect(await page.evaluate(api)).not.toBe(wide);
    await page.click("#terminal");
    await page.keyboard.press("Escape");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("machine-memory");
    await page.close();
  }, 60_000);

  it("on a static host without the isolation headers, the service worker adds them (one reload); offline after a visit", async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(plainBase);
    await page.waitForSelector("html[data-ready=true]", { timeout: 30_000 });
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await typeLine(page, "mknod /dev/my_rng_driver c 250 0; rng-lab | head -2");
    await waitForText(page, "Round 0 number 1: 846930886");
    // Offline: the service worker answers from what it kept.
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector("html[data-ready=true]", { timeout: 30_000 });
    await typeLine(page, "echo offline-ok");
    await waitForText(page, "offline-ok");
    await context.close();
  }, 60_000);

  it("without shared memory (no service worker, no headers) requests wait for an idle guest", async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, serviceWorkers: "block" });
    const page = await context.newPage();
    await page.goto(plainBase);
    await page.waitForSelector("html[data-ready=true]", { timeout: 30_000 });
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    await typeLine(page, "mknod /dev/my_rng_driver c 250 0; rng-lab | head -2");
    await waitForText(page, "Round 0 number 1: 846930886");
    await context.close();
  }, 60_000);

  it("adding -device e1000 before my_rng moves BAR 0 to 0xfebd1000, in the map and in lspci -v; the link replays it", async () => {
    const page = await open(base);
    const bar0 = () => page.getAttribute('#address-map rect[data-label$="my_rng BAR0"]', "data-start");
    expect(await bar0()).toBe("0xfebf1000");
    // Keyboard only: choose e1000, put it before my_rng, add, boot.
    await page.focus("#machine-add");
    await page.selectOption("#machine-add", "e1000");
    await page.selectOption("#machine-add-where", "0");
    await page.focus("#machine-add-button");
    await page.keyboard.press("Enter");
    expect(await page.inputValue("#machine-text")).toBe("-M pc -m 128 -device e1000 -device my_rng");
    await page.focus("#machine-boot");
    await page.keyboard.press("Enter");
    await page.waitForSelector("html[data-ready=true]");
    await page.waitForSelector('#address-map rect[data-start="0xfebd1000"]');
    expect(await bar0()).toBe("0xfebd1000");
    await typeLine(page, "lspci -v -d 1234:cafe");
    await waitForText(page, "Memory at febd1000 (32-bit, non-prefetchable) [size=4K]");
    await page.screenshot({ path: join(artifacts, "3-e1000-moves-bar.png") });

    // The my_rng panel reads RNG as the CPU does (the lab's stream: glibc rand() after srand(1)).
    await page.click("#rng-read-00-05-0");
    await page.click("#rng-read-00-05-0");
    await page.waitForFunction(() => document.getElementById("rng-values-00-05-0")?.textContent?.split(" ").length === 2);
    const values = await page.textContent("#rng-values-00-05-0");
    expect(values).toBe("1804289383 846930886");

    // The link: a fresh page replays the session to the same terminal text.
    await page.waitForFunction(() => (globalThis as unknown as { rnglab: { state(): { log: unknown[] } } }).rnglab.state().log.length >= 1);
    const url = page.url();
    const want = await bufferText(page);
    const wantTranscript = await transcript(page);
    const again = await open(url);
    await waitForText(again, "Memory at febd1000");
    expect(await transcript(again)).toBe(wantTranscript);
    expect(await bufferText(again)).toBe(want);
    expect(await again.inputValue("#machine-text")).toBe("-M pc -m 128 -device e1000 -device my_rng");
    expect(await again.textContent("#rng-values-00-05-0")).toBe(values);
    await again.screenshot({ path: join(artifacts, "4-shared-link.png") });
    await again.close();
    // The same link pasted into a tab that already shows another session: that tab starts the link's.
    const other = await open(base);
    await other.evaluate((u) => (location.hash = new URL(u).hash), url);
    await other.waitForFunction(() => document.documentElement.dataset.ready === "true" && (globalThis as unknown as { rnglab?: { state(): { log: unknown[] } } }).rnglab?.state().log.length);
    await waitForText(other, "Memory at febd1000");
    expect(await transcript(other)).toBe(wantTranscript);
    await other.close();
    await page.close();
  }, 90_000);

  it("the monitor hot-adds a my_rng: the map, the PCI table and the guest follow (keyboard only)", async () => {
    const page = await open(base);
    await page.selectOption("#machine-driver", "pci");
    await page.focus("#machine-boot");
    await page.keyboard.press("Enter");
    await page.waitForSelector("html[data-ready=true]");
    await typeLine(page, "modprobe my_rng_pci");
    await page.keyboard.press("Control+a");
    await page.keyboard.press("c");
    await waitForText(page, "QEMU 7.2.22 monitor");
    await page.keyboard.type("device_add my_rng,id=r2\n");
    // The guest's acpiphp assigns BAR 0 at the bottom of the PCI window (-m 128: 0x08000000).
    await page.waitForSelector('#address-map rect[data-start="0x08000000"]');
    expect(await page.textContent('#pci-functions tr[data-bdf="00:05.0"]')).toContain("my_rng_pci");
    await page.keyboard.press("Control+a");
    await page.keyboard.press("c");
    await page.keyboard.type("ls /dev/my_rng*\n");
    await waitForText(page, "/dev/my_rng1");
    await page.screenshot({ path: join(artifacts, "6-hotplug.png") });
    await page.close();
  }, 60_000);

  it("a link replays background jobs, lines typed meanwhile, kill and the monitor to the same text", async () => {
    const page = await open(base + V2_LINK);
    await typeLine(page, "insmod my_rng_fast.ko && rng-bench read 400000000 64 &");
    await waitForText(page, "[1] ");
    // Typed while the job computes: taken at the job's next syscall entry, through shared memory.
    await typeLine(page, "echo while-the-job-runs; jobs");
    await waitForText(page, "while-the-job-runs");
    await typeLine(page, "kill %1");
    await waitForText(page, "Terminated");
    await page.keyboard.press("Control+a");
    await page.keyboard.press("c");
    await page.keyboard.type("info pci\n");
    await waitForText(page, "PCI device 1234:cafe");
    const log = await page.evaluate(() => (globalThis as unknown as { rnglab: { state(): { log: { kind: string; hook: number }[] } } }).rnglab.state().log);
    expect(log.filter((e) => e.hook >= 0 && e.kind === "line").length).toBeGreaterThanOrEqual(1);
    const text = await transcript(page);
    const again = await open(page.url());
    expect(await transcript(again)).toBe(text);
    await again.screenshot({ path: join(artifacts, "7-jobs-replayed.png") });
    await again.close();
    await page.close();
  }, 90_000);

  it("keeps a line longer than the terminal on one wrapped line; Tab then Enter at once runs the completed line", async () => {
    const page = await open(base);
    const long = `echo ${"0123456789 ".repeat(16)}end`;
    await typeLine(page, long);
    await waitForText(page, "0123456789 end");
    const text = await bufferText(page);
    expect(text.split(long).length - 1).toBe(1);
    // Tab and Enter typed together: Enter waits for the completion, as a tty's input queue would.
    await page.keyboard.type("echo /pro");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.keyboard.type("echo after\n");
    await waitForText(page, "after");
    const t = await transcript(page);
    expect(t).toContain("~ # echo /proc/\n/proc/\n");
    expect(t).toContain("~ # echo after\nafter\n");
    // Ctrl-C at the prompt abandons the line as ash does (^C), and a link shows it too.
    await page.keyboard.type("echo half");
    await page.keyboard.press("Control+c");
    await page.keyboard.type("echo whole\n");
    await waitForText(page, "whole");
    const t2 = await transcript(page);
    expect(t2).toContain("~ # echo half^C\n~ # echo whole\nwhole\n");
    const again = await open(page.url());
    expect(await transcript(again)).toBe(t2);
    await again.close();
    await page.close();
  }, 60_000);

  it("Ctrl-A c reaches the monitor while a command runs; Ctrl-C then stops the command", async () => {
    const page = await open(base + V2_LINK);
    await typeLine(page, "insmod my_rng_fast.ko; rng-bench read 1000000000000 4");
    await page.waitForTimeout(300);
    await page.keyboard.press("Control+a");
    await page.keyboard.press("c");
    await waitForText(page, "QEMU 7.2.22 monitor");
    await page.keyboard.type("info pci\n");
    await waitForText(page, "PCI device 1234:cafe");
    await page.keyboard.press("Control+a");
    await page.keyboard.press("c");
    await page.keyboard.press("Control+c");
    await waitForText(page, "^C");
    await page.keyboard.type("echo status $?\n");
    await waitForText(page, "status 130");
    // And the link replays it: the Ctrl-C lands at the same syscall.
    const text = await transcript(page);
    const again = await open(page.url());
    expect(await transcript(again)).toBe(text);
    await again.close();
    await page.close();
  }, 90_000);

  it("runs the ladder and draws the chart with the measured points beside", async () => {
    const page = await open(base);
    await page.click("#nav-ladder");
    // A short ladder: v1 and read at two sizes.
    for (const d of ["rng64-q", "dma", "copy-only"]) await page.uncheck(`input[name=design][value="${d}"]`);
    for (const n of ["1024", "4096", "65536"]) await page.uncheck(`input[name=size][value="${n}"]`);
    await page.click("#ladder-run");
    await page.waitForFunction(() => document.getElementById("ladder-status")?.textContent?.startsWith("done"), undefined, { timeout: 60_000 });
    const bars = await page.$$eval("#ladder-chart rect.throughput", (rs) => rs.map((r) => [r.getAttribute("data-design"), r.getAttribute("data-bytes-per-call"), Number(r.getAttribute("data-mbps"))]));
    expect(bars.map((b) => `${b[0]}/${b[1]}`)).toEqual(["v1/4", "read/4", "read/64"]);
    // v1 under tcg: 4.36 MB/s as the cost profile reproduces the measurement (ladder-tcg.md: 917 ns per call).
    expect(bars[0][2]).toBeCloseTo(4.36, 1);
    expect(await page.$$eval("#ladder-chart path.reference", (r) => r.length)).toBe(3);
    expect(await page.$$eval("#ladder-chart rect.segment", (r) => r.length)).toBeGreaterThan(6);
    await page.screenshot({ path: join(artifacts, "5-ladder.png"), fullPage: true });
    await page.close();
  }, 90_000);
});
