// Progress bars as a terminal sees them: run the CLI under util-linux `script`, which gives it a
// pseudo-terminal. Skipped where `script` is missing.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const hasScript = spawnSync("script", ["--version"]).status === 0;
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const onTerminal = (args: string) => spawnSync("script", ["-qec", `node ${cli} ${args}`, "/dev/null"], { encoding: "utf8" }).stdout;

describe.skipIf(!hasScript)("progress on a terminal (cli-progress)", () => {
  it("bench --sweep draws a bar with the count and an ETA; --json and a piped run print none", () => {
    const tty = onTerminal("bench --design v1,read --sweep --bytes 65536");
    expect(tty).toMatch(/7\/7 read 1048576 B \| ETA/);
    expect(tty).toContain("design ");
    const json = onTerminal("bench --design v1,read --sweep --bytes 65536 --json");
    expect(json).not.toContain("ETA");
    expect(JSON.parse(json.trim()).results).toHaveLength(7);
    const piped = spawnSync("node", [cli, "bench", "--design", "v1,read", "--sweep", "--bytes", "65536"], { encoding: "utf8" });
    expect(piped.stderr).toBe("");
  });
  it("mmio-speed and prng-speed show their runs", () => {
    expect(onTerminal("mmio-speed --reads 10000 --runs 3")).toMatch(/3\/3 run 3 \| ETA/);
    expect(onTerminal("prng-speed --words 1024")).toMatch(/(\d+)\/\1 \S+ \(rnglab\) \| ETA/); // the last generator, all rows done
  });
});
