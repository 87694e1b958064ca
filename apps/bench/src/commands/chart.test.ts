import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../test-cli.js";

/** The rect elements of a given class, with their data-* attributes (a minimal SVG reader). */
function rects(svg: string, cls: string): Record<string, string>[] {
  return [...svg.matchAll(new RegExp(`<rect class="${cls}"([^>]*)>`, "g"))].map((m) =>
    Object.fromEntries([...m[1].matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])),
  );
}

describe("rnglab bench --chart", () => {
  it("draws one labelled throughput bar per result, in the data's order, longer for faster designs, with stacked categories", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rnglab-chart-"));
    const file = join(dir, "ladder.svg");
    const r = await runCli(["bench", "--design", "v1,read,copy-only", "--bytes", "65536", "--json", "--chart", file]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { results: { design: string; bytesPerSecond: number }[] };
    const svg = readFileSync(file, "utf8");
    const bars = rects(svg, "throughput");
    expect(bars.map((b) => b["data-design"])).toEqual(report.results.map((x) => x.design));
    for (const [i, b] of bars.entries()) expect(Number(b["data-mbps"])).toBeCloseTo(report.results[i].bytesPerSecond / 1e6, 2);
    const widths = bars.map((b) => Number(b.width));
    const order = report.results.map((x) => x.bytesPerSecond);
    for (let i = 0; i < order.length; i++) for (let j = 0; j < order.length; j++) if (order[i] > order[j]) expect(widths[i]).toBeGreaterThan(widths[j]);
    for (const d of report.results.map((x) => x.design)) expect(svg).toMatch(new RegExp(`<text class="label"[^>]*>${d} \\d+ B</text>`));
    const v1 = rects(svg, "segment").filter((s) => s["data-design"] === "v1");
    expect(v1.map((s) => s["data-category"])).toContain("syscall");
    expect(v1.reduce((t, s) => t + Number(s["data-share"]), 0)).toBeCloseTo(1, 2);
  });
  it("writes HTML when the file ends in .html", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "rnglab-chart-")), "ladder.html");
    expect((await runCli(["bench", "--design", "v1", "--bytes", "4096", "--chart", file])).code).toBe(0);
    expect(readFileSync(file, "utf8")).toMatch(/^<!doctype html>[\s\S]*<svg/);
  });
  it("a format it does not draw is a usage error before any measuring; an unwritable path is a clear error", async () => {
    const png = await runCli(["bench", "--design", "v1", "--bytes", "4096", "--chart", "out.png"]);
    expect(png).toMatchObject({ code: 2, stdout: "", stderr: "rnglab: bench: --chart writes FILE.svg or FILE.html, not 'out.png'\n" });
    const bad = await runCli(["bench", "--design", "v1", "--bytes", "4096", "--json", "--chart", "/nonexistent-dir/x.svg"]);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).results).toHaveLength(1); // the figures are not lost
    expect(bad.stderr).toMatch(/^rnglab: bench: cannot write \/nonexistent-dir\/x\.svg: ENOENT/);
  });
});
