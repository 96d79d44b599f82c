/**
 * Runs work one piece at a time, in the order it was asked for; a failure fails only its own
 * piece. FerretDB 1.x updates a document by reading it and then replacing it whole, so two
 * updates of one document at once (even of different fields) can lose one: work that updates
 * documents other work of this process may update too goes through this there.
 */
export class OneAtATime {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
