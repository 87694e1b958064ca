// The interactive guest session, for any host (the CLI's worker thread, the playground's Web Worker): the
// login shell, busybox ash's job control, the QEMU monitor beside it, Tab completion, and the my_rng
// panel's register accesses. Every request the guest takes is logged with where it was taken (the n-th
// preemption point, or between commands) and the virtual time then, so the same log replayed on the same
// machine gives the same bytes: time is virtual, and the log fixes every interleaving the host chose.
import { KilledBySignal, SIGINT, SIGTERM, Shell, consoleFile, type Process } from "@rng/guest-kernel";
import { PcMachine } from "@rng/hw-qemu";
import { bootGuest, type DriverChoice, type Guest } from "./compose.js";
import { complete, prompt } from "./completion.js";
import { runMonitorCommand } from "./monitor.js";
import { selectProfile } from "./profile.js";

/**
 * What the guest took: a shell line, a monitor line, a Tab completion, a register access, a Ctrl-C, or
 * the start of a background job (the host chooses when, so the log says), or the terminal switching
 * between the shell and the monitor ("monitor" / "shell": it changes what a transcript shows), or a line
 * abandoned with Ctrl-C at the prompt ("cancel": ash prints it with ^C).
 */
export type SessionEventKind = "line" | "monitor" | "complete" | "register" | "interrupt" | "job" | "mode" | "cancel";

export interface SessionEvent {
  kind: SessionEventKind;
  text: string;
  /** Virtual time (ns) when the guest took it. */
  t: number;
  /**
   * Where in the guest's run it was taken: the count of the kernel's syscall-entry checks (schedule hook
   * and signal check, each counted) since boot; -1: between commands, with no job running.
   */
  hook: number;
}

export interface SessionOptions {
  machineArgs: string[];
  driver: DriverChoice;
  /** tcg or kvm; by default the one the machine options name. */
  profile?: string;
  output(stream: "stdout" | "stderr", text: string): void;
  /** A background job ended: ash's line ("[1]+  Done                    CMD"). */
  jobEnded?(line: string): void;
  /** Is a Ctrl-C pending for the foreground command (the terminal's flag, read at syscall entry)? */
  interruptPending?(): boolean;
  /** Called at every preemption point: where the host hands over a request typed while a job computes. */
  poll?(): void;
  /** Runs fn after the current request (setImmediate, setTimeout): a background job starts there. */
  defer?(fn: () => void): void;
  /** Each event as the guest takes it (live or replayed), before it runs: a terminal echoes from here. */
  onTake?(ev: SessionEvent, prompt: string): void;
  /** A replay's log is spent: from here requests come live; whether a foreground command still runs. */
  onLive?(state: { foregroundRunning: boolean }): void;
  /** Each taken request's result, after it ran (live or replayed): completions, monitor answers, statuses. */
  onResult?(ev: SessionEvent, result: RequestResult): void;
}

export interface RequestResult {
  /** A shell line's exit status (0 for the others). */
  status: number;
  /** A monitor or register request's answer. */
  output?: string;
  /** A completion's candidates and the word they complete. */
  completion?: [string[], string];
}

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

const SIGNALS: Record<string, number> = { INT: SIGINT, "2": SIGINT, KILL: 9, "9": 9, TERM: SIGTERM, "15": SIGTERM };

const descends = (p: Process | undefined, from: Process): boolean => {
  for (let q = p; q; q = q.parent) if (q === from) return true;
  return false;
};

/** busybox ash's job lines: "[1]+  Running                 CMD"; a failed job shows its status, "Done(1)". */
const jobLine = (j: Job, current: boolean) => {
  const state = j.state === "Done" && j.status ? `Done(${j.status})` : j.state;
  return `[${j.id}]${current ? "+" : " "}  ${state.padEnd(24)}${j.text}\n`;
};

/**
 * A line ending in a lone `&` (not `&&`): the command list before its last top-level `;` runs in the
 * foreground, the rest is the job, as ash parses `A; B &`. Quotes are respected; undefined if no job.
 */
export function splitBackground(line: string): { foreground: string; job: string } | undefined {
  let quote: string | undefined;
  let lastSemi = -1;
  let amp = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === "\\" && quote === '"') i++;
      continue;
    }
    if (c === "\\") i++;
    else if (c === "'" || c === '"') quote = c;
    else if (c === ";" || c === "\n") lastSemi = i;
    else if (c === "&") {
      if (line[i + 1] === "&") i++;
      else if (line.slice(i + 1).trim() === "") amp = i;
      else lastSemi = i; // `A & B`: A is a job of its own; rnglab runs one job per line, so it stays in the foreground list
    }
  }
  if (amp < 0 || quote) return undefined;
  const job = line.slice(lastSemi + 1, amp);
  if (!job.trim()) return undefined;
  return { foreground: line.slice(0, lastSemi + 1).replace(/[;&]\s*$/, ""), job };
}

export class GuestSession {
  readonly machine: PcMachine;
  readonly guest: Guest;
  readonly shell: Shell;
  /** Every request taken, in order: the session's input, enough to replay it. */
  readonly log: SessionEvent[] = [];
  private readonly env: Record<string, string> = {};
  private readonly jobs: Job[] = [];
  private nextJobId = 1;
  private foreground: Process | undefined;
  /**
   * The position in the guest's run: +1 at every schedule hook and every signal check of a syscall entry.
   * Both are deterministic, so a replay finds the same position; counting the signal checks too places a
   * Ctrl-C exactly even in a command that runs nested in a job's time slice (where no hook fires).
   */
  private position = 0;
  private interruptLatched = false;
  private replayQueue: SessionEvent[] | undefined;
  private jobsRunning = false;

  constructor(private readonly o: SessionOptions) {
    const profile = selectProfile(o.machineArgs, o.profile, []);
    this.machine = PcMachine.fromArgs(o.machineArgs, profile);
    const out = (stream: "stdout" | "stderr") => {
      const dec = new TextDecoder();
      return (b: Uint8Array) => o.output(stream, dec.decode(b));
    };
    this.out = out;
    // A login shell starts in $HOME: busybox's prompt is "~ # ", and the built modules are there (as after make).
    this.guest = bootGuest(this.machine, profile, o.driver, { stdout: out("stdout"), stderr: out("stderr") }, undefined, "/root");
    this.guest.shell.interactive = true;
    for (const [k, v] of this.guest.shell.env) this.env[k] = v;
    this.shell = new Shell(this.guest.shell, { env: this.env, arg0: "sh" });
    const kernel = this.guest.kernel;
    // Ctrl-C goes to the foreground command only; kill's signal to the job it names.
    kernel.signalSource = (p) => {
      this.position++;
      if (this.foreground && descends(p, this.foreground) && this.interruptFor()) return SIGINT;
      for (const j of this.jobs) if (j.signal && descends(p, j.proc)) return j.signal;
      return 0;
    };
    kernel.scheduleHook = () => {
      this.position++;
      const q = this.replayQueue;
      if (q && q.length) {
        while (q.length && q[0].hook === this.position && q[0].kind !== "interrupt" && q[0].kind !== "job") this.take(q.shift()!, this.position);
      } else {
        // The log is spent while its last command still runs: the session goes on live from here.
        if (q) this.goLive();
        o.poll?.();
      }
    };
    this.installJobControl();
  }

  private readonly out: (stream: "stdout" | "stderr") => (b: Uint8Array) => void;

  get cwd(): string {
    return this.shell.cwd;
  }

  /** The login shell exited, the guest powered off, or QEMU quit. */
  get exited(): boolean {
    return this.shell.exited || this.guest.power.off;
  }

  /** busybox ash's prompt for the working directory ("~ # "). */
  get prompt(): string {
    return prompt(this.shell.cwd);
  }

  /** Whether a job is waiting or running. */
  get hasJobs(): boolean {
    return this.jobs.some((j) => j.state === "Running");
  }

  /** The virtual clock, ns since boot. */
  get nowNs(): number {
    return this.machine.clock.nowNs;
  }

  /**
   * Takes a request from the terminal. `atHook`: the host hands it over from inside `poll` (a job is
   * computing); otherwise the guest is between commands.
   */
  request(kind: Exclude<SessionEventKind, "interrupt" | "job">, text: string, atHook = false): RequestResult {
    return this.take({ kind, text, t: this.nowNs, hook: atHook ? this.position : -1 }, atHook ? this.position : -1);
  }

  private take(ev: SessionEvent, hook: number): RequestResult {
    const logged = { kind: ev.kind, text: ev.text, t: this.nowNs, hook };
    this.log.push(logged);
    this.o.onTake?.(logged, this.prompt);
    const result = this.run(ev);
    this.o.onResult?.(logged, result);
    return result;
  }

  private run(ev: SessionEvent): RequestResult {
    switch (ev.kind) {
      case "complete":
        return { status: 0, completion: complete(this.guest, this.shell.cwd, ev.text) };
      case "monitor":
        // quit: QEMU exits, and the session with it.
        if (/^\s*(quit|q)\s*$/.test(ev.text)) {
          this.guest.power.off = true;
          return { status: 0, output: "" };
        }
        return { status: 0, output: runMonitorCommand(this.machine, ev.text) };
      case "register":
        return { status: 0, output: this.register(ev.text) };
      case "line": {
        const status = this.runLine(ev.text);
        // The Ctrl-C was for this command: a background job resuming after it must not see it.
        this.interruptLatched = false;
        return { status };
      }
      default:
        return { status: 0 };
    }
  }

  /** Ctrl-C for the foreground command: the terminal's flag live, the log's interrupt event in a replay. */
  private interruptFor(): boolean {
    if (this.interruptLatched) return true;
    const q = this.replayQueue?.length ? this.replayQueue : undefined;
    const now = q ? q.length > 0 && q[0].kind === "interrupt" && q[0].hook === this.position : (this.o.interruptPending?.() ?? false);
    if (!now) return false;
    if (q) q.shift();
    this.interruptLatched = true;
    const ev: SessionEvent = { kind: "interrupt", text: "", t: this.nowNs, hook: this.position };
    this.log.push(ev);
    this.o.onTake?.(ev, this.prompt);
    return true;
  }

  /**
   * The my_rng panel's accesses, as the CPU makes them: "r ADDR" reads a 32-bit register (a read of RNG
   * takes the next number of the stream, as in the guest), "w ADDR VALUE" writes one.
   */
  private register(text: string): string {
    const m = /^([rw])\s+(0x[0-9a-f]+|\d+)(?:\s+(0x[0-9a-f]+|\d+))?$/i.exec(text.trim());
    if (!m || (m[1] === "w") !== (m[3] !== undefined)) return "register: expected 'r ADDR' or 'w ADDR VALUE'\n";
    const addr = Number(m[2]);
    const cpu = this.machine.cpuView();
    if (m[1] === "r") return `${cpu.load32(addr) >>> 0}\n`;
    const value = Number(m[3]);
    if (value > 0xffffffff) return "register: VALUE must fit in 32 bits\n";
    cpu.store32(addr, value);
    return "";
  }

  private live = true;

  /** The replay's log is spent: requests and Ctrl-C come from the host again (once per replay). */
  private goLive(): void {
    if (this.live) return;
    this.live = true;
    this.o.onLive?.({ foregroundRunning: this.foreground !== undefined });
  }

  /**
   * Replays a log: the same machine and driver give the same output, byte for byte. When the log ends
   * while a command or job it started still runs (a link copied then), the session goes on live from
   * that point (onLive), as the original did: the command keeps running and takes requests and Ctrl-C.
   */
  replay(events: readonly SessionEvent[]): void {
    this.live = false;
    this.replayQueue = events.map((e) => ({ ...e }));
    const q = this.replayQueue;
    try {
      while (q.length) {
        if (q[0].kind === "job") {
          // runJobs takes the event as it starts the job; none waiting: the log is not this session's.
          if (!this.runJobs()) q.shift();
          continue;
        }
        const ev = q.shift()!;
        // A Ctrl-C whose command is over, or an event logged at a preemption point that never came: the log
        // is not this machine's (other options or driver). Lines still run, between commands.
        if (ev.kind === "interrupt") continue;
        this.take(ev, -1);
      }
    } finally {
      this.replayQueue = undefined;
      this.goLive();
    }
  }

  private runLine(text: string): number {
    const split = splitBackground(text);
    if (split) {
      // `A; B &`: A runs in the foreground first, then B (an and-or list such as `x && y`) becomes the job.
      if (split.foreground.trim()) {
        const status = this.runLine(split.foreground);
        if (this.exited) return status;
      }
      return this.startJob(split.job);
    }
    this.foreground = this.guest.shell;
    try {
      return this.shell.run(text);
    } finally {
      this.foreground = undefined;
    }
  }

  private startJob(text: string): number {
    const kernel = this.guest.kernel;
    const proc = kernel.createProcess(this.guest.shell, [consoleFile("console", undefined), consoleFile("console", this.out("stdout")), consoleFile("console", this.out("stderr"))]);
    proc.comm = "sh";
    const job: Job = { id: this.nextJobId++, proc, text: text.trim(), state: "Running", status: 0, signal: 0, started: false };
    this.jobs.push(job);
    this.o.output("stdout", `[${job.id}] ${proc.pid}\n`);
    // In a replay the log's job events start jobs; a job the log never started (the link was made before
    // it did) starts as it would have, after this request.
    if (!this.replayQueue?.some((e) => e.kind === "job")) this.o.defer?.(() => this.runJobs());
    return 0;
  }

  /** Runs the jobs that are waiting, one after another, each to its end (or its signal); false if none was. */
  runJobs(): boolean {
    if (this.jobsRunning) return false;
    this.jobsRunning = true;
    let ran = false;
    try {
      for (const job of this.jobs) {
        if (job.state !== "Running" || job.started) continue;
        job.started = true;
        ran = true;
        if (this.replayQueue?.[0]?.kind === "job") this.replayQueue.shift();
        // Jobs start between commands (the host's deferred call, or the replay's loop), never at a hook.
        const ev: SessionEvent = { kind: "job", text: String(job.id), t: this.nowNs, hook: -1 };
        this.log.push(ev);
        this.o.onTake?.(ev, this.prompt);
        let status: number;
        try {
          status = new Shell(job.proc, { env: { ...this.env, PWD: this.shell.cwd }, arg0: "sh" }).run(job.text);
        } catch (e) {
          // The signal reached the job's shell itself (kill signals the whole job, as a process group).
          if (!(e instanceof KilledBySignal)) throw e;
          status = 128 + e.signal;
        }
        job.status = status;
        job.state = job.signal || status === 128 + SIGTERM ? "Terminated" : "Done";
        const line = jobLine(job, true);
        if (this.o.jobEnded) this.o.jobEnded(line);
        else this.o.output("stdout", line);
      }
    } finally {
      this.jobsRunning = false;
    }
    return ran;
  }

  // The session's job control, as programs the guest's shell finds in /bin (busybox has them as ash
  // builtins): `jobs` lists running jobs; `kill [-SIG] %N|PID` signals a job, other PIDs go to busybox kill.
  private installJobControl(): void {
    const kernel = this.guest.kernel;
    const baseKill = kernel.executables.get("kill");
    const jobs = this.jobs;
    kernel.installExecutable({
      name: "jobs",
      main(p) {
        const live = jobs.filter((j) => j.state === "Running");
        live.forEach((j, i) => p.write(1, jobLine(j, i === live.length - 1)));
        return 0;
      },
    });
    kernel.installExecutable({
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
  }
}
