const started = Date.now();

/** A progress line with the time since the suite began: the run takes minutes. */
export function progress(line: string): void {
  const clock = new Date().toISOString().slice(11, 19);
  process.stdout.write(
    `[faults ${clock} +${((Date.now() - started) / 1000).toFixed(0).padStart(3)}s] ${line}\n`,
  );
}
