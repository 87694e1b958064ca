import { describe, expect, it } from "vitest";
import { findPrng } from "@rng/prngs";
import fc from "fast-check";
import { GuestSession, splitBackground, type SessionOptions } from "./session.js";

const V2: string[] = ["-M", "pc", "-m", "128", "-device", "my_rng,version=2"];

function collect(extra: Partial<SessionOptions> = {}) {
  let text = "";
  const session = new GuestSession({
    machineArgs: ["-M", "pc", "-m", "128", "-device", "my_rng"],
    driver: "pci",
    output: (_s, t) => (text += t),
    ...extra,
  });
  return { session, text: () => text };
}

describe("GuestSession: the interactive session, logged and replayed", () => {
  it("runs the lab's program and answers the monitor, as the CLI's shell does", () => {
    const { session, text } = collect();
    expect(session.prompt).toBe("~ # ");
    expect(session.request("line", "modprobe my_rng_pci && rng-lab /dev/my_rng0").status).toBe(0);
    expect(text()).toContain("Round 0 number 0: 1804289383");
    expect(session.request("monitor", "info pci").output).toContain("PCI device 1234:cafe");
    expect(session.request("complete", "insm").completion).toEqual([["insmod "], "insm"]);
  });

  it("replays a log with a background job, a line taken mid-job and a kill: the same bytes", () => {
    // Live: a job computes; the host hands over two requests at the 40th and 80th preemption points.
    const pending: [string, "line" | "monitor"][] = [["echo typed-while-job-runs", "line"], ["device_add my_rng,id=r2", "monitor"], ["kill %1", "line"]];
    let polls = 0;
    let deferred: (() => void) | undefined;
    const live = collect({
      poll: () => {
        polls++;
        if ((polls === 40 || polls === 80 || polls === 120) && pending.length) {
          const [t, k] = pending.shift()!;
          const r = live.session.request(k, t, true);
          if (r.output) live.session.request("line", "true"); // (answers are the host's to print)
        }
      },
      defer: (fn) => (deferred = fn),
      machineArgs: V2,
    });
    live.session.request("line", "insmod my_rng_fast.ko");
    live.session.request("line", "rng-bench read 100000000 64 &");
    deferred?.();
    live.session.request("line", "lspci -v -s 00:05.0; dmesg | tail -3");
    const liveText = live.text();
    expect(liveText).toContain("typed-while-job-runs");
    expect(liveText).toMatch(/\[1\]\+ {2}Terminated/);
    expect(live.session.log.some((e) => e.kind === "job")).toBe(true);
    expect(live.session.log.filter((e) => e.hook > 0).length).toBeGreaterThanOrEqual(3);

    const again = collect({ machineArgs: V2 });
    again.session.replay(live.session.log);
    expect(again.text()).toBe(liveText);
    expect(again.session.nowNs).toBe(live.session.nowNs);
    expect(again.session.log).toEqual(live.session.log);
  });

  it("replays a Ctrl-C at the syscall it reached", () => {
    let pending = false;
    let polls = 0;
    const live = collect({ interruptPending: () => pending, poll: () => (pending = ++polls > 25), machineArgs: V2 });
    live.session.request("line", "insmod my_rng_fast.ko");
    expect(live.session.request("line", "rng-bench read 100000000 64").status).toBe(130);
    live.session.request("line", "echo after");
    const again = collect({ machineArgs: V2 });
    again.session.replay(live.session.log);
    expect(again.text()).toBe(live.text());
    expect(live.session.log.filter((e) => e.kind === "interrupt")).toHaveLength(1);
  });

  it("poweroff ends the session, as the machine turns off", () => {
    const { session } = collect();
    expect(session.request("line", "cd /; poweroff").status).toBe(0);
    expect(session.exited).toBe(true);
  });

  it("tells a host each event as it is taken and its result, the same live and replayed", () => {
    const seen = (into: string[]) => ({
      onTake: (ev: { kind: string; text: string }, prompt: string) => into.push(`take ${ev.kind} ${prompt}${ev.text}`),
      onResult: (ev: { kind: string }, r: { status: number; output?: string; completion?: [string[], string] }) => into.push(`result ${ev.kind} ${r.status} ${r.output ?? ""} ${JSON.stringify(r.completion ?? null)}`),
    });
    const a: string[] = [];
    const live = collect(seen(a));
    live.session.request("line", "cd /lib");
    live.session.request("complete", "ls m");
    live.session.request("mode", "monitor");
    live.session.request("monitor", "info qtree");
    live.session.request("register", "r 0xfebf1000");
    expect(a.some((x) => x.startsWith("take line ~ # cd /lib"))).toBe(true);
    expect(a.some((x) => x.startsWith("take complete /lib # ls m"))).toBe(true);
    const b: string[] = [];
    collect(seen(b)).session.replay(live.session.log);
    expect(b).toEqual(a);
  });

  it("reads and writes my_rng's registers as the CPU does, and refuses malformed requests", () => {
    const { session } = collect({});
    session.request("register", "w 0xfebf1004 66");
    // SEED 66 then RNG: glibc's first rand() after srand(66), as the lab's device gives it.
    const want = findPrng("glibc-rand")!.create(66n).nextOutput();
    expect(session.request("register", "r 0xfebf1000").output).toBe(`${want}\n`);
    expect(session.request("register", "x 1").output).toMatch(/^register: expected/);
    expect(session.request("register", "w 0xfebf1004 0x100000000").output).toMatch(/32 bits/);
  });
});

describe("splitBackground: which part of a line is the job", () => {
  it("parses as ash does: a trailing lone & makes the last list a job", () => {
    expect(splitBackground("rng-bench dma 1000 64 &")).toEqual({ foreground: "", job: "rng-bench dma 1000 64 " });
    expect(splitBackground("insmod x.ko && rng-bench read 4 &")).toEqual({ foreground: "", job: "insmod x.ko && rng-bench read 4 " });
    expect(splitBackground("cd /; sleep 1 &  ")).toEqual({ foreground: "cd /", job: " sleep 1 " });
    expect(splitBackground("echo 'a;b' &")).toEqual({ foreground: "", job: "echo 'a;b' " });
    expect(splitBackground("a && b")).toBeUndefined();
    expect(splitBackground("echo '&'")).toBeUndefined();
    expect(splitBackground("&")).toBeUndefined();
  });
  it("never throws, and a job is never empty", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."ab &;'\"\\\n".split("")) }), (line) => {
        const r = splitBackground(line);
        if (r) expect(r.job.trim()).not.toBe("");
      }),
    );
  });
});

describe("replay of the cases a review found", () => {
  it("a Ctrl-C on a foreground command typed while a job runs lands at the same syscall", () => {
    let polls = 0;
    let armed = false;
    let checks = 0;
    let nestedStatus = -1;
    let deferred: (() => void) | undefined;
    const live = collect({
      machineArgs: V2,
      defer: (fn) => (deferred = fn),
      // Ctrl-C pressed 200 syscall checks into the command typed while the job computes.
      interruptPending: () => armed && ++checks > 200,
      poll: () => {
        polls++;
        if (polls === 50) {
          armed = true;
          nestedStatus = live.session.request("line", "rng-bench read 100000000 4", true).status;
          armed = false;
        }
        if (polls === 60) live.session.request("line", "kill %1", true);
      },
    });
    live.session.request("line", "insmod my_rng_fast.ko");
    live.session.request("line", "rng-bench read 100000000 64 &");
    deferred?.();
    live.session.request("monitor", "xp /2xw 0xfebf1000");
    live.session.request("line", "read-numbers /dev/my_rng_fast0 2");
    expect(nestedStatus).toBe(130);
    expect(live.session.log.filter((e) => e.kind === "interrupt")).toHaveLength(1);
    expect(live.text()).toMatch(/\[1\]\+ {2}Terminated/);
    const again = collect({ machineArgs: V2 });
    again.session.replay(live.session.log);
    expect(again.text()).toBe(live.text());
  });

  it("`A & B &` and sleeping jobs replay to the same text", () => {
    let deferred: (() => void) | undefined;
    const live = collect({ defer: (fn) => (deferred = fn) });
    live.session.request("line", "sleep 1000 & sleep 2000 &");
    deferred?.();
    live.session.request("line", "jobs; echo done");
    const again = collect();
    again.session.replay(live.session.log);
    expect(again.text()).toBe(live.text());
  });
});

describe("a link made while a command or job still runs", () => {
  it("a job the log never started starts after the replay, as it would have", () => {
    const live = collect({ defer: () => {} });
    live.session.request("line", "echo fg; echo from-the-job &");
    expect(live.session.log.map((e) => e.kind)).toEqual(["line"]);
    let deferred: (() => void) | undefined;
    const again = collect({ defer: (fn) => (deferred = fn) });
    again.session.replay(live.session.log);
    expect(again.text()).toBe("fg\n[1] 2\n");
    deferred?.();
    expect(again.text()).toMatch(/from-the-job\n\[1\]\+ {2}Done {20}echo from-the-job\n$/);
  });

  it("a command still running when the log ends goes on live: onLive, then requests and Ctrl-C reach it", () => {
    let polls = 0;
    let snapshot: ReturnType<typeof collect>["session"]["log"] = [];
    let textAtSnapshot = "";
    let stop = false;
    const live = collect({
      machineArgs: V2,
      interruptPending: () => stop,
      poll: () => {
        if (++polls === 30) {
          live.session.request("monitor", "info pci", true);
          // The link is copied now, while the command runs.
          snapshot = structuredClone(live.session.log);
          textAtSnapshot = live.text();
          stop = true;
        }
      },
    });
    live.session.request("line", "insmod my_rng_fast.ko");
    expect(live.session.request("line", "rng-bench read 1000000000000 4").status).toBe(130);
    const lives: boolean[] = [];
    let livePolls = 0;
    let interrupt = false;
    let again: ReturnType<typeof collect> | undefined = undefined;
    again = collect({
      machineArgs: V2,
      onLive: (s) => lives.push(s.foregroundRunning),
      interruptPending: () => interrupt,
      poll: () => {
        if (++livePolls === 5) {
          // A live request taken by the replayed command, then Ctrl-C.
          again!.session.request("monitor", "info qtree", true);
          interrupt = true;
        }
      },
    });
    again.session.replay(snapshot);
    expect(lives).toEqual([true]);
    expect(again.text().startsWith(textAtSnapshot)).toBe(true);
    expect(again.session.log.slice(0, snapshot.length)).toEqual(snapshot);
    expect(again.session.log.map((e) => e.kind).slice(snapshot.length)).toEqual(["monitor", "interrupt"]);
  });
});
