// The guest of `rnglab shell`, in a worker thread: the terminal (main thread) stays responsive while a
// guest program runs, so Ctrl-C can reach it. Requests (a shell line, a monitor line, a completion) arrive
// through a shared mailbox, so that they are taken even while a background job keeps this thread busy:
// the kernel looks at the mailbox at every syscall entry (its preemption point) and runs the request there,
// as a scheduler would run the foreground shell between a background job's time slices.
import { parentPort, workerData } from "node:worker_threads";
import { KilledBySignal, SIGINT, SIGTERM, Shell, consoleFile, type Process } from "@rng/guest-kernel";
import { PcMachine } from "@rng/hw-qemu";
import { bootGuest, type DriverChoice } from "./compose.js";
import { selectProfile } from "./profile.js";
import { runMonitorCommand } from "./commands/monitor.js";
import { complete } from "./commands/shell.js";
import { Mailbox, REQUEST_COMPLETE, REQUEST_MONITOR } from "./shell-mailbox.js";

interface Init {
  machineArgs: string[];
  driver: DriverChoice;
  profile: string | undefined;
  /** Int32Array over a SharedArrayBuffer: [0] is set to 1 while Ctrl-C is pending. */
  signals: SharedArrayBuffer;
  mailbox: SharedArrayBuffer;
}

const init = workerData as Init;
const port = parentPort;
if (!port) throw new Error("shell-worker must run in a worker thread");
const flags = new Int32Array(init.signals);
const mailbox = new Mailbox(init.mailbox);
const dec = new TextDecoder();
const out = (stream: "stdout" | "stderr") => (b: Uint8Array) => port.postMessage({ type: "out", stream, text: dec.decode(b) });
const say = (text: string) => port.postMessage({ type: "out", stream: "stdout", text });
const profile = selectProfile(init.machineArgs, init.profile, []);
const machine = PcMachine.fromArgs(init.machineArgs, profile);
// A login shell starts in $HOME: busybox's prompt is "~ # ", and the built modules are there (as after make).
const guest = bootGuest(machine, profile, init.driver, { stdout: out("stdout"), stderr: out("stderr") }, undefined, "/root");
guest.shell.interactive = true;
const env: Record<string, string> = {};
for (const [k, v] of guest.shell.env) env[k] = v;
const shell = new Shell(guest.shell, { env, arg0: "sh" });

/** A background job (`CMD &`): its own shell process, run between the foreground's commands. */
interface Job {
  id: number;
  proc: Process;
  text: string;
  state: "Running" | "Done" | "Terminated";
  status: number;
  /** Set by `kill`: delivered at the job's next syscall entry. */
  signal: number;
  started: boolean;
}
const jobs: Job[] = [];
let nextJobId = 1;
let foreground: Process | undefined;

const descends = (p: Process | undefined, from: Process): boolean => {
  for (let q = p; q; q = q.parent) if (q === from) return true;
  return false;
};

// Ctrl-C goes to the foreground command only; kill's signal to the job it names.
guest.kernel.signalSource = (p) => {
  if (foreground && descends(p, foreground) && Atomics.load(flags, 0)) return SIGINT;
  for (const j of jobs) if (j.signal && descends(p, j.proc)) return j.signal;
  return 0;
};
guest.kernel.scheduleHook = () => {
  const req = mailbox.take();
  if (req) handle(req.kind, req.text);
};

/** busybox ash's job lines: "[1]+  Running                 CMD". */
const jobLine = (j: Job, current: boolean) => {
  // ash shows a failed job's status: "Done(1)".
  const state = j.state === "Done" && j.status ? `Done(${j.status})` : j.state;
  return `[${j.id}]${current ? "+" : " "}  ${state.padEnd(24)}${j.text}\n`;
};

// The session's job control, as programs the guest's shell finds in /bin (busybox has them as ash
// builtins): `jobs` lists running jobs; `kill [-SIG] %N|PID` signals a job, other PIDs go to busybox kill.
const baseKill = guest.kernel.executables.get("kill");
const SIGNALS: Record<string, number> = { INT: SIGINT, "2": SIGINT, KILL: 9, "9": 9, TERM: SIGTERM, "15": SIGTERM };
guest.kernel.installExecutable({
  name: "jobs",
  main(p) {
    const live = jobs.filter((j) => j.state === "Running");
    live.forEach((j, i) => p.write(1, jobLine(j, i === live.length - 1)));
    return 0;
  },
});
guest.kernel.installExecutable({
  name: "kill",
  main(p, argv) {
    const args = argv.slice(1);
    let sig = SIGTERM;
    if (args[0]?.startsWith("-") && args[0] !== "-l") {
      const named = SIGNALS[args[0].slice(1).replace(/^SIG/, "")];
      if (named !== undefined) {
        sig = named;
        args.shift();
      }
    }
    const hits = args.map((t) => jobs.find((j) => j.state === "Running" && (t.startsWith("%") ? String(j.id) === t.slice(1) : String(j.proc.pid) === t)));
    // Anything that is not one of our running jobs: busybox kill answers (usage, no such job/process).
    if (args.length === 0 || hits.some((h) => h === undefined)) return baseKill ? baseKill.main(p, argv) : 1;
    for (const j of hits as Job[]) j.signal = sig;
    return 0;
  },
});

function runLine(text: string): number {
  const bg = /^(.*[^&])&\s*$/s.exec(text);
  if (bg && !bg[1].includes("&") && bg[1].trim()) {
    const proc = guest.kernel.createProcess(guest.shell, [consoleFile("console", undefined), consoleFile("console", out("stdout")), consoleFile("console", out("stderr"))]);
    proc.comm = "sh";
    const job: Job = { id: nextJobId++, proc, text: bg[1].trim(), state: "Running", status: 0, signal: 0, started: false };
    jobs.push(job);
    say(`[${job.id}] ${proc.pid}\n`);
    setImmediate(runJobs);
    return 0;
  }
  foreground = guest.shell;
  try {
    return shell.run(text);
  } finally {
    foreground = undefined;
  }
}

function handle(kind: number, text: string): void {
  if (kind === REQUEST_COMPLETE) {
    port!.postMessage({ type: "completion", result: complete(guest, shell.cwd, text) });
    return;
  }
  if (kind === REQUEST_MONITOR) {
    say(runMonitorCommand(machine, text));
    port!.postMessage({ type: "done", status: 0, exited: false, cwd: shell.cwd });
    return;
  }
  const status = runLine(text);
  // The Ctrl-C was for this command: a background job resuming after it must not see it.
  Atomics.store(flags, 0, 0);
  port!.postMessage({ type: "done", status, exited: shell.exited, cwd: shell.cwd });
}

let running = false;
/** Runs the jobs that are waiting, one after another, each to its end (or its signal). */
function runJobs(): void {
  if (running) return;
  running = true;
  try {
    for (const job of jobs) {
      if (job.state !== "Running" || job.started) continue;
      job.started = true;
      const jobEnv: Record<string, string> = { ...env, PWD: shell.cwd };
      let status: number;
      try {
        status = new Shell(job.proc, { env: jobEnv, arg0: "sh" }).run(job.text);
      } catch (e) {
        // The signal reached the job's shell itself (kill signals the whole job, as a process group).
        if (!(e instanceof KilledBySignal)) throw e;
        status = 128 + e.signal;
      }
      job.status = status;
      job.state = job.signal || status === 128 + SIGTERM ? "Terminated" : "Done";
      port!.postMessage({ type: "job", text: jobLine(job, true) });
    }
  } finally {
    running = false;
  }
}

port.on("message", (msg: { type: string }) => {
  if (msg.type !== "poke") return;
  const req = mailbox.take();
  if (req) handle(req.kind, req.text);
});
port.postMessage({ type: "ready", cwd: shell.cwd });
