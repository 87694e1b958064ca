// The guest of `rnglab shell`, in a worker thread: the terminal (main thread) stays responsive while a
// guest program runs, so Ctrl-C can reach it. Messages: line / monitor / complete in, out / done / completion out.
import { parentPort, workerData } from "node:worker_threads";
import { SIGINT, Shell } from "@rng/guest-kernel";
import { PcMachine } from "@rng/hw-qemu";
import { bootGuest, type DriverChoice } from "./compose.js";
import { selectProfile } from "./profile.js";
import { runMonitorCommand } from "./commands/monitor.js";
import { complete } from "./commands/shell.js";

interface Init {
  machineArgs: string[];
  driver: DriverChoice;
  profile: string | undefined;
  /** Int32Array over a SharedArrayBuffer: [0] is set to 1 while Ctrl-C is pending. */
  signals: SharedArrayBuffer;
}

const init = workerData as Init;
const port = parentPort;
if (!port) throw new Error("shell-worker must run in a worker thread");
const flags = new Int32Array(init.signals);
const dec = new TextDecoder();
const out = (stream: "stdout" | "stderr") => (b: Uint8Array) => port.postMessage({ type: "out", stream, text: dec.decode(b) });
const profile = selectProfile(init.machineArgs, init.profile, []);
const machine = PcMachine.fromArgs(init.machineArgs, profile);
// A login shell starts in $HOME: busybox's prompt is "~ # ", and the built modules are there (as after make).
const guest = bootGuest(machine, profile, init.driver, { stdout: out("stdout"), stderr: out("stderr") }, undefined, "/root");
guest.shell.interactive = true;
guest.kernel.signalSource = () => (Atomics.load(flags, 0) ? SIGINT : 0);
const env: Record<string, string> = {};
for (const [k, v] of guest.shell.env) env[k] = v;
const shell = new Shell(guest.shell, { env, arg0: "sh" });

port.on("message", (msg: { type: string; text: string }) => {
  if (msg.type === "line") {
    const status = shell.run(msg.text);
    port.postMessage({ type: "done", status, exited: shell.exited, cwd: shell.cwd });
  } else if (msg.type === "monitor") {
    port.postMessage({ type: "out", stream: "stdout", text: runMonitorCommand(machine, msg.text) });
    port.postMessage({ type: "done", status: 0, exited: false, cwd: shell.cwd });
  } else if (msg.type === "complete") {
    port.postMessage({ type: "completion", result: complete(guest, shell.cwd, msg.text) });
  }
});
port.postMessage({ type: "ready", cwd: shell.cwd });
