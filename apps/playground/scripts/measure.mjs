#!/usr/bin/env node
// The playground's figures (a benchmark, not a test): bundle size, time from load to the first prompt,
// and the ladder's host speed in Chromium next to Node's, on this machine.
// Run after `pnpm build`: pnpm --filter @rng/playground measure [--runs N]
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { cpus } from "node:os";
import { extname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { BENCH_DESIGNS } from "@rng/driver";
import { DEFAULT_MACHINE_ARGS, planRuns, runDesign, selectProfile } from "@rng/lab";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
if (!existsSync(join(dist, "index.html"))) {
  console.error("measure: apps/playground/dist is missing: run `pnpm build` first");
  process.exit(1);
}

// 1. Bundle size: every file of dist/, raw and gzip -9 (what a static host would send compressed).
const files = [];
const walk = (d) => {
  for (const n of readdirSync(d)) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) walk(p);
    else files.push(p);
  }
};
walk(dist);
let raw = 0;
let gz = 0;
console.log("bundle (apps/playground/dist):");
for (const f of files.sort()) {
  const b = readFileSync(f);
  const z = gzipSync(b, { level: 9 }).length;
  raw += b.length;
  gz += z;
  console.log(`  ${relative(dist, f).padEnd(40)} ${(b.length / 1024).toFixed(1).padStart(8)} KiB  gzip ${(z / 1024).toFixed(1).padStart(7)} KiB`);
}
console.log(`  ${"total".padEnd(40)} ${(raw / 1024).toFixed(1).padStart(8)} KiB  gzip ${(gz / 1024).toFixed(1).padStart(7)} KiB`);

// A static server on loopback, with the isolation headers (as `vite preview` sends them).
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" };
const server = createServer((req, res) => {
  let f = join(dist, new URL(req.url ?? "/", "http://x").pathname);
  if (existsSync(f) && statSync(f).isDirectory()) f = join(f, "index.html");
  if (!f.startsWith(dist) || !existsSync(f)) return void res.writeHead(404).end();
  res.writeHead(200, { "Content-Type": TYPES[extname(f)] ?? "application/octet-stream", "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" });
  createReadStream(f).pipe(res);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
const version = browser.version();

// 2. Load to first prompt: a fresh page (cold cache) each time; ms from navigation start.
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const loads = [];
for (let i = 0; i < RUNS; i++) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(base);
  await page.waitForSelector("html[data-ready=true]", { timeout: 60_000 });
  loads.push(await page.evaluate(() => globalThis.rnglab.timings));
  await ctx.close();
}
console.log(`\nload to first prompt (Chromium ${version} headless, loopback, cold cache, ${RUNS} loads):`);
console.log(`  median ${median(loads.map((t) => t.firstPrompt)).toFixed(0)} ms (min ${Math.min(...loads.map((t) => t.firstPrompt)).toFixed(0)}, max ${Math.max(...loads.map((t) => t.firstPrompt)).toFixed(0)})`);
console.log(`  page script starts at ${median(loads.map((t) => t.scriptStart)).toFixed(0)} ms; the worker's machine + kernel boot takes ${median(loads.map((t) => t.bootMs)).toFixed(0)} ms; the rest is loading the worker and drawing`);

// 3. The ladder's host speed: the page's default ladder in Chromium's worker, the same runs in Node.
const designs = ["v1", "rng64-q", "read", "dma", "copy-only"];
const sizes = [4, 64, 1024, 4096, 65536];
const BYTES = 1 << 20;
const browserRuns = [];
for (let i = 0; i < RUNS; i++) {
  const page = await browser.newPage();
  await page.goto(base);
  await page.waitForSelector("html[data-ready=true]");
  await page.click("#nav-ladder");
  await page.click("#ladder-run");
  await page.waitForFunction(() => document.getElementById("ladder-status")?.textContent?.startsWith("done"), undefined, { timeout: 300_000 });
  browserRuns.push(await page.evaluate(() => globalThis.rnglab.ladder()));
  await page.close();
}
await browser.close();
server.close();

const profile = selectProfile([], "tcg", []);
const plan = planRuns(designs.filter((d) => d in BENCH_DESIGNS), BYTES, undefined, sizes);
const nodeRuns = [];
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  const results = plan.map((r) => runDesign(r.design, r.bytes, r.bytesPerCall, undefined, profile, () => performance.now()));
  nodeRuns.push({ results, hostMs: performance.now() - t0 });
}
const calls = (run) => run.results.reduce((a, r) => a + r.calls, 0);
const sameFigures = browserRuns.every((b) => JSON.stringify(b.results.map((r) => [r.design, r.bytesPerCall, r.virtualNs, r.stream])) === JSON.stringify(nodeRuns[0].results.map((r) => [r.design, r.bytesPerCall, r.virtualNs, r.stream])));
const line = (name, runs) => {
  const ms = median(runs.map((r) => r.hostMs));
  return `  ${name.padEnd(10)} median ${(ms / 1000).toFixed(2)} s for ${runs[0].results.length} runs, ${calls(runs[0])} calls: ${((calls(runs[0]) / ms) * 1e3 / 1e6).toFixed(2)} M calls/s (runs: ${runs.map((r) => (r.hostMs / 1000).toFixed(2)).join(", ")} s)`;
};
console.log(`\nladder host speed (designs ${designs.join(",")}, sizes ${sizes.join(",")}, 1 MiB each, tcg; machine ${DEFAULT_MACHINE_ARGS.join(" ")} / version=2; ${RUNS} times each):`);
console.log(line("chromium", browserRuns));
console.log(line(`node ${process.version}`, nodeRuns));
console.log(`  virtual figures identical in both: ${sameFigures ? "yes" : "NO"}`);
console.log(`machine: ${cpus()[0]?.model ?? "?"}, ${cpus().length} cores`);
