// What the terminal shows for each event the guest took: the same function of the event renders a live
// session and its replay, so a shared link gives the same text byte for byte.
import type { RequestResult, SessionEvent } from "@rng/lab";

/** QEMU's banner when -nographic's Ctrl-A c switches to the monitor (QEMU 7.2.22, as the CLI prints it). */
export const MONITOR_BANNER = "QEMU 7.2.22 monitor - type 'help' for more information\n";
export const MONITOR_PROMPT = "(qemu) ";

/** The echo of an event as it is taken (before its output). */
export function echoOf(ev: SessionEvent, prompt: string): string {
  switch (ev.kind) {
    case "line":
      return `${prompt}${ev.text}\n`;
    case "monitor":
      return `${MONITOR_PROMPT}${ev.text}\n`;
    case "mode":
      return ev.text === "monitor" ? MONITOR_BANNER : "";
    case "interrupt":
      return "^C\n";
    case "cancel":
      return `${prompt}${ev.text}^C\n`;
    default:
      return "";
  }
}

/** What follows an event once it ran: a monitor's answer, an ambiguous completion's candidates. */
export function resultOf(ev: SessionEvent, result: RequestResult, prompt: string): string {
  if (ev.kind === "monitor") return result.output ?? "";
  if (ev.kind === "complete" && result.completion && result.completion[0].length > 1) {
    // busybox lists the candidates under the line, then prompts again with the line as it was.
    // Paths are listed by their last component, as busybox does ("bus/  class/", not "/sys/bus/ …").
    const names = result.completion[0].map((c) => {
      const dir = c.endsWith("/");
      const base = c.replace(/\/$/, "");
      return base.slice(base.lastIndexOf("/") + 1) + (dir ? "/" : "");
    });
    return `${prompt}${ev.text}\n${names.join("  ")}\n`;
  }
  return "";
}
