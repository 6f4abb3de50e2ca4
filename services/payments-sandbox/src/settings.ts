import type { Config } from './config.js';

/** The fault and webhook knobs; start from the environment, changeable at runtime via `/_sandbox/config`. */
export interface SandboxSettings {
  latencyMs: number;
  errorRate: number;
  disconnectRate: number;
  processingMs: number;
  webhookUrl: string;
  webhookDuplicates: number;
  webhookOutOfOrder: boolean;
  webhookDelayMs: number;
  /** The next N API calls answer 500 before doing anything (deterministic ERROR_RATE). */
  failNext: number;
  /** The next N API calls do their work, then the connection drops before the answer. */
  disconnectNext: number;
}

export type Fault = 'error' | 'disconnect' | null;

export class Settings {
  private readonly initial: SandboxSettings;
  private current: SandboxSettings;

  constructor(config: Config) {
    this.initial = {
      latencyMs: config.LATENCY_MS,
      errorRate: config.ERROR_RATE,
      disconnectRate: config.DISCONNECT_RATE,
      processingMs: config.PROCESSING_MS,
      webhookUrl: config.WEBHOOK_URL,
      webhookDuplicates: config.WEBHOOK_DUPLICATES,
      webhookOutOfOrder: config.WEBHOOK_OUT_OF_ORDER,
      webhookDelayMs: config.WEBHOOK_DELAY_MS,
      failNext: 0,
      disconnectNext: 0,
    };
    this.current = { ...this.initial };
  }

  get(): Readonly<SandboxSettings> {
    return this.current;
  }

  update(changes: Partial<SandboxSettings>): Readonly<SandboxSettings> {
    this.current = { ...this.current, ...changes };
    return this.current;
  }

  reset(): void {
    this.current = { ...this.initial };
  }

  /** Decides, once per API call, whether it fails: the counters first, then the rates. */
  drawFault(): Fault {
    if (this.current.failNext > 0) {
      this.current = { ...this.current, failNext: this.current.failNext - 1 };
      return 'error';
    }
    if (this.current.disconnectNext > 0) {
      this.current = { ...this.current, disconnectNext: this.current.disconnectNext - 1 };
      return 'disconnect';
    }
    if (Math.random() < this.current.errorRate) return 'error';
    if (Math.random() < this.current.disconnectRate) return 'disconnect';
    return null;
  }
}
