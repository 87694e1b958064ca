// `rnglab shell` driven as a person types it: through a real pseudo-terminal (tmux send-keys /
// capture-pane). .ci/run installs tmux when it is missing; elsewhere the test is skipped without it.
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const hasTmux = spawnSync("tmux", ["-V"]).status === 0;
const cli = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
const socket = `rnglab-test-${process.pid}`;
const tmux = (...args: string[]) => execFileSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });
const screen = () => tmux("capture-pane", "-p", "-J", "-S", "-5000", "-t", "s");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for the screen to match (a wait for the program, not a timing assertion). */
async function waitFor(re: RegExp, what: string, timeoutMs = 20_000): Promise<string> {
  const t0 = Date.now();
  for (;;) {
    const s = screen();
    if (re.test(s)) return s;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}; screen:\n${s}`);
    await sleep(100);
  }
}

describe.skipIf(!hasTmux)("rnglab shell on a real terminal (tmux)", () => {
  afterAll(() => {
    spawnSync("tmux", ["-L", socket, "kill-server"]);
  });
  it("boots, completes lsp<TAB>, lspci -v, modprobe, rng-lab, Ctrl-C a long reader, a background job, the monitor, hotplug, /dev/my_rng1, poweroff", async () => {
    tmux("new-session", "-d", "-x", "200", "-y", "50", "-s", "s", `node ${cli} shell --driver pci; echo EXITED $?; sleep 60`);
    await waitFor(/^~ #\s*$/m, "the prompt");
    tmux("send-keys", "-t", "s", "lsp", "Tab");
    await waitFor(/^~ # lspci\s*$/m, "lsp<TAB> completed to 'lspci '");
    tmux("send-keys", "-t", "s", "--", "-v", "Enter");
    await waitFor(/00:04\.0 Unclassified device \[00ff\]: Device 1234:cafe \(rev 10\)\n(.*\n)*?\s+Kernel modules: my_rng_pci/, "lspci -v");
    // Typed ahead while modprobe runs: nothing lost.
    tmux("send-keys", "-t", "s", "modprobe my_rng_pci", "Enter", "rng-lab /dev/my_rng0", "Enter");
    await waitFor(/Round 1 number 4: 1957747793/, "rng-lab's last number");
    tmux("send-keys", "-t", "s", "cat /dev/zero > /dev/null", "Enter");
    await sleep(500);
    tmux("send-keys", "-t", "s", "C-c");
    await waitFor(/cat \/dev\/zero > \/dev\/null\n\^C\n~ #\s*$/m, "Ctrl-C and a new prompt");
    tmux("send-keys", "-t", "s", "echo status=$?", "Enter");
    await waitFor(/^status=130$/m, "killed by SIGINT: status 130");
    // A background job runs while the user types; jobs lists it; kill %1 ends it.
    tmux("send-keys", "-t", "s", "cat /dev/zero > /dev/null &", "Enter");
    await waitFor(/^\[1\] \d+$/m, "the job's number and pid");
    tmux("send-keys", "-t", "s", "jobs", "Enter");
    await waitFor(/^\[1\]\+  Running {17}cat \/dev\/zero > \/dev\/null$/m, "jobs");
    tmux("send-keys", "-t", "s", "kill %1", "Enter");
    await waitFor(/^\[1\]\+  Terminated {14}cat \/dev\/zero > \/dev\/null$/m, "the job's end");
    tmux("send-keys", "-t", "s", "C-a", "c");
    await waitFor(/QEMU 7\.2\.22 monitor - type 'help' for more information\n\(qemu\)\s*$/m, "the monitor");
    tmux("send-keys", "-t", "s", "info pci", "Enter");
    await waitFor(/Class 0255: PCI device 1234:cafe\n\s+PCI subsystem 1af4:1100\n\s+BAR0: 32 bit memory at 0xfebf1000 \[0xfebf1fff\]\./, "info pci");
    // Hotplug a second my_rng from the monitor: QEMU prints nothing, the guest's acpiphp adds it.
    tmux("send-keys", "-t", "s", "device_add my_rng,id=rng2", "Enter");
    await waitFor(/\(qemu\) device_add my_rng,id=rng2\n\(qemu\)\s*$/m, "device_add's silent success");
    tmux("send-keys", "-t", "s", "C-a", "c");
    await waitFor(/\(qemu\) device_add my_rng,id=rng2\n\(qemu\)\s*\n~ #\s*$/m, "back at the guest's prompt");
    tmux("send-keys", "-t", "s", "dmesg | grep 00:05.0; rng-lab /dev/my_rng1 | tail -1", "Enter");
    await waitFor(/my_rng_pci 0000:00:05\.0: my_rng at 0x8000000, \/dev\/my_rng1 \(major 254, minor 1\)\nRound 1 number 4: 1957747793\n~ #\s*$/m, "the hot-added device read");
    tmux("send-keys", "-t", "s", "poweroff", "Enter");
    const end = await waitFor(/^EXITED 0$/m, "the session's end");
    // The whole session on one screen, in order: the reader interrupted before the hotplug.
    expect(end.indexOf("status=130")).toBeLessThan(end.indexOf("device_add my_rng,id=rng2"));
  }, 60_000);
});
