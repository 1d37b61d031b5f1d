/**
 * Progressive lockout (DOM-7): after FREE_ATTEMPTS consecutive failures an account is locked,
 * for one minute at first and twice as long on every further failure, up to one hour.
 */
export const FREE_ATTEMPTS = 5;
export const MAX_LOCK_MINUTES = 60;

export function lockMinutes(consecutiveFailures: number): number {
  if (consecutiveFailures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_LOCK_MINUTES, 2 ** (consecutiveFailures - FREE_ATTEMPTS));
}

export function lockedUntil(consecutiveFailures: number, now: Date): Date | null {
  const minutes = lockMinutes(consecutiveFailures);
  return minutes === 0 ? null : new Date(now.getTime() + minutes * 60_000);
}

export function isLocked(lockedUntilIso: string | null, now: Date): boolean {
  return lockedUntilIso !== null && new Date(lockedUntilIso).getTime() > now.getTime();
}
