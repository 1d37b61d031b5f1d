/**
 * Domain errors carry a stable string code and, where a protocol rule forbids the action,
 * the rule ID (e.g. "SOE-9"). The HTTP layer maps them to problem JSON; services never see HTTP.
 */
export type ErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'gone' | 'conflict' | 'locked' | 'too_many';

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details: { rule?: string; field?: string; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (code: string, message: string, field?: string) => new DomainError('invalid', code, message, field ? { field } : {});
export const notFound = (code: string, message: string) => new DomainError('not_found', code, message);
/** 410: it existed and can no longer be had (e.g. its day key was destroyed, INV-9). */
export const gone = (code: string, message: string) => new DomainError('gone', code, message);
export const conflict = (code: string, message: string, field?: string) => new DomainError('conflict', code, message, field ? { field } : {});
export const forbidden = (code: string, message: string, rule?: string) => new DomainError('forbidden', code, message, rule ? { rule } : {});
export const unauthenticated = (code: string, message: string) => new DomainError('unauthenticated', code, message);
