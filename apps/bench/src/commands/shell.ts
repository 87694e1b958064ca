import { createInterface, type Interface } from "node:readline";
import { Worker } from "node:worker_threads";
import { parseArgs } from "node:util";
import { Shell } from "@rng/guest-kernel";
import type { CostProfile } from "@rng/hw-qemu";
import { USAGE_EXIT, UsageError, type CliIo } from "../cli-io.js";
import { Mailbox, REQUEST_COMPLETE, REQUEST_LINE, REQUEST_MONITOR, bootGuest, machineArgsOrDefault, prompt, selectProfile, splitMachineArgs, type DriverChoice } from "@rng/lab";
import { buildMachine } from "./machine-command.js";

export const SHELL_HELP = `Usage: rnglab shell [--driver builtin|module|pci] [--profile tcg|kvm] [-- QEMU-OPTIONS]

Boots the guest and gives you its shell: busybox's prompt, line editing, history, Tab completion of
commands, paths and module names. "CMD &" runs CMD as a background job while you type (jobs, kill %N).
Ctrl-C interrupts the foreground command (status 130). Ctrl-D or "poweroff" ends the session.
Ctrl-A then c switches to QEMU's monitor "(qemu) " (info pci, info mtree, info qtree, xp /FMT ADDR,
device_add, device_del, help) and back. With stdin not a terminal the lines run as a script (as sh < file).
Example: rnglab shell --driver pci -- -device my_rng
`;

export async function shellCommand(args: string[], io: CliIo, stdin: NodeJS.ReadableStream, isTty: boolean): Promise<number> {
  const { own, machine } = splitMachineArgs(args);
  let values;
  try {
    ({ values } = parseArgs({ args: own, strict: true, options: { driver: { type: "string" }, profile: { type: "string" }, help: { type: "boolean", short: "h" } } }));
  } catch (e) {
    io.stderr(`rnglab: shell: ${(e as Error).message}\n`);
    return USAGE_EXIT;
  }
  if (values.help) {
    io.stdout(SHELL_HELP);
    return 0;
  }
  const driver = (values.driver ?? "builtin") as DriverChoice;
  if (!["builtin", "module", "pci"].includes(driver)) {
    io.stderr(`rnglab: shell: unknown driver '${driver}' (builtin, module or pci)\n`);
    return USAGE_EXIT;
  }
  const machineArgs = machineArgsOrDefault(machine);
  let profile: CostProfile;
  try {
    profile = selectProfile(machineArgs, values.profile, []);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`rnglab: shell: ${e.message}\n`);
    return USAGE_EXIT;
  }
  const m = buildMachine(machineArgs, io);
  if (typeof m === "number") return m;
  m.costs = profile;
  const dec = new TextDecoder();
  const guest = bootGuest(m, profile, driver, { stdout: (b) => io.stdout(dec.decode(b)), stderr: (b) => io.stderr(dec.decode(b)) }, undefined, "/root");
  const env: Record<string, string> = {};
  for (const [k, v] of guest.shell.env) env[k] = v;
  const shell = new Shell(guest.shell, { env, arg0: "sh" });
  if (!isTty) {
    let script = "";
    for await (const chunk of stdin) script += typeof chunk === "string" ? chunk : dec.decode(chunk as Uint8Array);
    const status = shell.run(script);
    // poweroff: the machine turns off and QEMU exits 0, whatever ran before.
    return guest.power.off ? 0 : status;
  }
  return interactive({ machineArgs, driver, profile: values.profile }, io, stdin);
}

/**
 * The interactive session: readline on the terminal, the guest in a worker thread. Ctrl-C while a
 * command runs sets a shared flag the guest kernel polls at syscall entry: the foreground program dies of
 * SIGINT (status 130) and the shell prompts again. Ctrl-A then c toggles QEMU's monitor.
 */
function interactive(args: { machineArgs: string[]; driver: DriverChoice; profile: string | undefined }, io: CliIo, stdin: NodeJS.ReadableStream): Promise<number> {
  return new Promise((resolve) => {
    const signals = new SharedArrayBuffer(4);
    const flags = new Int32Array(signals);
    const mailbox = new Mailbox();
    const worker = new Worker(new URL("../shell-worker.js", import.meta.url), { workerData: { ...args, signals, mailbox: mailbox.buffer } });
    const send = (kind: number, text: string) => {
      if (!mailbox.put(kind, text)) return false;
      worker.postMessage({ type: "poke" });
      return true;
    };
    let status = 0;
    let monitor = false;
    let busy = true;
    let cwd = "/root";
    // Lines typed while a command runs (type-ahead) wait their turn, as a terminal's input queue holds them.
    const queued: string[] = [];
    let pendingCompletion: ((r: [string[], string]) => void) | undefined;
    const rl: Interface = createInterface({
      input: stdin,
      output: process.stdout,
      terminal: true,
      historySize: 1000,
      completer: (line: string, cb: (err: null, r: [string[], string]) => void) => {
        if (monitor || busy) return cb(null, [[], line]);
        pendingCompletion = (r) => cb(null, r);
        if (!send(REQUEST_COMPLETE, line)) cb(null, [[], line]);
      },
    });
    rl.pause();
    const setPrompt = () => rl.setPrompt(monitor ? "(qemu) " : prompt(cwd));
    const finish = () => {
      rl.close();
      void worker.terminate();
    };
    worker.on("message", (msg: { type: string; text?: string; stream?: string; status?: number; exited?: boolean; cwd?: string; result?: [string[], string] }) => {
      if (msg.type === "out") (msg.stream === "stderr" ? io.stderr : io.stdout)(msg.text ?? "");
      else if (msg.type === "completion") pendingCompletion?.(msg.result ?? [[], ""]);
      else if (msg.type === "job") {
        // A background job ended: say so on its own line, then give back the prompt with what was typed.
        io.stdout(`\r\x1b[K${msg.text ?? ""}`);
        if (!busy) rl.prompt(true);
      }
      else if (msg.type === "ready" || msg.type === "done") {
        busy = false;
        Atomics.store(flags, 0, 0);
        if (msg.cwd) cwd = msg.cwd;
        if (msg.type === "done") status = msg.status ?? 0;
        if (msg.exited) return finish();
        setPrompt();
        const next = queued.shift();
        if (next !== undefined) {
          io.stdout(`${monitor ? "(qemu) " : prompt(cwd)}${next}\n`);
          return dispatch(next);
        }
        rl.resume();
        rl.prompt();
      }
    });
    worker.on("error", (e) => {
      io.stderr(`rnglab: shell: ${e.message}\n`);
      status = 1;
      finish();
    });
    // Ctrl-A then c: QEMU's -nographic escape to the monitor and back.
    let ctrlA = false;
    (stdin as NodeJS.ReadStream).on("keypress", (_s: string, key: { ctrl?: boolean; name?: string }) => {
      if (key?.ctrl && key.name === "a") {
        ctrlA = true;
        return;
      }
      if (ctrlA && key?.name === "c" && !busy) {
        // readline has already taken the "c" into the line: drop the line, as QEMU's mux consumes the escape.
        rl.write(null, { ctrl: true, name: "u" });
        monitor = !monitor;
        io.stdout(monitor ? "\nQEMU 7.2.22 monitor - type 'help' for more information\n" : "\n");
        setPrompt();
        rl.prompt();
      }
      ctrlA = false;
    });
    function dispatch(line: string): void {
      if (!monitor && line.trim() === "poweroff") {
        // The machine powers off: QEMU exits 0 whatever the last command's status was.
        status = 0;
        return finish();
      }
      busy = true;
      if (!send(monitor ? REQUEST_MONITOR : REQUEST_LINE, line)) {
        io.stderr("rnglab: shell: the guest is still answering the last request\n");
        busy = false;
        rl.prompt();
      }
    }
    rl.on("line", (line) => {
      if (busy) queued.push(line);
      else dispatch(line);
    });
    rl.on("SIGINT", () => {
      io.stdout("^C\n");
      if (busy) {
        // The tty driver flushes its input queue on SIGINT (unless NOFLSH): type-ahead is dropped.
        queued.length = 0;
        Atomics.store(flags, 0, 1);
      }
      else {
        rl.write(null, { ctrl: true, name: "u" });
        setPrompt();
        rl.prompt();
      }
    });
    rl.on("close", () => {
      void worker.terminate();
      resolve(status);
    });
  });
}
