import type { Clock } from '../../platform/clock.js';

/** Seals and opens small texts (the data directory's SecretBox: AES-256-GCM, shared by every API node). */
export interface Sealer {
  seal(plain: string): string;
  open(sealed: string): string;
}

/**
 * Tokens for the public request form: a sealed expiry, so any API node can check one without
 * shared state. The token travels in the `x-form-token` header: a custom header cannot be sent
 * cross-site without a CORS preflight, which this server never grants, so another site cannot
 * file in a visitor's name (together with the same-origin check on Origin).
 */
export class FormTokens {
  constructor(
    private readonly sealer: Sealer,
    private readonly clock: Clock,
    private readonly lifetimeMs = 2 * 3_600_000,
  ) {}

  issue(): string {
    return this.sealer.seal(JSON.stringify({ purpose: 'public-request', exp: this.clock.now().getTime() + this.lifetimeMs }));
  }

  valid(token: string | undefined): boolean {
    if (!token || token.length > 500) return false;
    try {
      const body = JSON.parse(this.sealer.open(token)) as { purpose?: string; exp?: number };
      return body.purpose === 'public-request' && typeof body.exp === 'number' && body.exp > this.clock.now().getTime();
    } catch {
      return false;
    }
  }
}
