/** What was asked of a fake, in order, and what it should refuse next (injected faults). */
export class CallLog<Method extends string> {
  readonly calls: { method: Method; args: unknown[] }[] = [];
  private readonly faults: { method: Method; error: () => Error; after: boolean }[] = [];

  /** Records a call; throws when a fault was injected for it before the work is done. */
  record(method: Method, ...args: unknown[]): void {
    this.calls.push({ method, args });
    const fault = this.take(method, false);
    if (fault) throw fault;
  }

  /** After the work is done: a fault injected to strike once the call had its effect (a lost answer). */
  answered(method: Method): void {
    const fault = this.take(method, true);
    if (fault) throw fault;
  }

  /** The next call of `method` fails with `error`: before doing anything, or (`after`) once done. */
  fail(method: Method, error: () => Error, { after = false, times = 1 } = {}): void {
    for (let i = 0; i < times; i++) this.faults.push({ method, error, after });
  }

  count(method: Method): number {
    return this.calls.filter((call) => call.method === method).length;
  }

  methods(): Method[] {
    return this.calls.map((call) => call.method);
  }

  private take(method: Method, after: boolean): Error | undefined {
    const index = this.faults.findIndex((fault) => fault.method === method && fault.after === after);
    if (index === -1) return undefined;
    return this.faults.splice(index, 1)[0]!.error();
  }
}
