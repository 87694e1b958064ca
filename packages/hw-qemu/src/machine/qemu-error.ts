/**
 * An error as QEMU reports it on stderr (without the "qemu-system-x86_64: " prefix, which the CLI adds):
 * `location` is the offending option as typed ("-device e1000,foo=1"), or "" when QEMU prints none.
 */
export class QemuError extends Error {
  constructor(
    readonly location: string,
    readonly detail: string,
    /** Further lines QEMU prints after the message (error hints), each ending with a newline. */
    readonly hint = "",
  ) {
    super(location ? `${location}: ${detail}` : detail);
  }

  /** The full stderr text, with QEMU's program-name prefix. */
  render(program = "qemu-system-x86_64"): string {
    return `${program}: ${this.message}\n${this.hint}`;
  }
}

/** A `help` request (`-device help`, `-M help`): QEMU prints the text on stdout and exits 0. */
export class QemuHelp extends Error {
  constructor(readonly text: string) {
    super("help");
  }
}
