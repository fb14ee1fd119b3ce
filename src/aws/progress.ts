/** Reports how far a long read has come, on standard error: people watch it, pipelines log it. */
export interface Progress {
  start(total: number): void;
  tick(): void;
  done(): void;
}

const BAR = 30;
/** A terminal is redrawn at most this often; a log gets a line per 10% or at least this often. */
const REDRAW_MS = 100;
const LOG_EVERY_MS = 5000;

/**
 * On a terminal, one bar redrawn in place; otherwise (CI logs, files) a plain line every 10% and at
 * least every 5 seconds, so a log shows the run is alive without thousands of lines.
 * @param label what is counted, e.g. "accounts' contacts read"
 */
export function progressReporter({
  write,
  tty,
  label,
  clock = Date.now,
}: {
  write: (text: string) => void;
  /** Standard error is a terminal: redraw one bar in place. */
  tty: boolean;
  label: string;
  clock?: () => number;
}): Progress {
  let total = 0;
  let count = 0;
  let started = 0;
  let lastWrite = 0;
  let lastTenth = 0;
  const seconds = () => `${Math.round((clock() - started) / 1000)} s`;
  const percent = () => (total === 0 ? 100 : Math.floor((count / total) * 100));
  const draw = () => {
    const filled = Math.round((percent() / 100) * BAR);
    write(`\r[${"#".repeat(filled)}${"-".repeat(BAR - filled)}] ${percent()}% ${count}/${total} ${label}, ${seconds()}`);
  };
  const line = () => write(`${count}/${total} ${label} (${percent()}%), ${seconds()}\n`);
  return {
    start(n) {
      total = n;
      started = lastWrite = clock();
      if (tty) draw();
      else line();
    },
    tick() {
      count += 1;
      const now = clock();
      if (tty) {
        if (now - lastWrite >= REDRAW_MS || count === total) {
          lastWrite = now;
          draw();
        }
        return;
      }
      const tenth = Math.floor((count / Math.max(total, 1)) * 10);
      if (tenth > lastTenth || now - lastWrite >= LOG_EVERY_MS) {
        lastTenth = tenth;
        lastWrite = now;
        line();
      }
    },
    done() {
      if (tty) {
        draw();
        write("\n");
      } else if (lastTenth < 10) line();
    },
  };
}
