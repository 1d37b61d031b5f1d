import type { Clock } from '../platform/clock.js';
import type { Actor, Policy } from '../auth/policy.js';
import type { DashboardRepository } from './dashboard.repository.js';

export interface Dashboard {
  user: { displayName: string; role: string };
  logbook: { headSeq: number };
  loginAttempts24h?: number;
  failedLogins24h?: number;
  lockedAccounts?: number;
  /** Cameras whose periodic check is due (MOZ-2.3, WCP-3), for roles that read the register. */
  overdueChecks?: number;
  /** Defects not yet repaired. */
  openDefects?: number;
}

/** The register's counts behind its dashboard cards. */
export interface RegisterCards {
  overdue(): Promise<unknown[]>;
  countOpenDefects(): Promise<number>;
}

/** Gathers the dashboard cards a role may see; each later feature adds its own (holds, deadlines, checks). */
export class DashboardService {
  constructor(
    private readonly repository: DashboardRepository,
    private readonly policy: Policy,
    private readonly clock: Clock,
    private readonly register?: RegisterCards,
  ) {}

  async forActor(actor: Actor): Promise<Dashboard> {
    const result: Dashboard = {
      user: { displayName: actor.displayName, role: actor.role },
      logbook: { headSeq: await this.repository.logbookHeadSeq() },
    };
    if (this.policy.can(actor, 'login_attempts.read').allowed) {
      const now = this.clock.now();
      const attempts = await this.repository.loginAttemptsSince(new Date(now.getTime() - 24 * 3_600_000).toISOString());
      result.loginAttempts24h = attempts.total;
      result.failedLogins24h = attempts.failed;
      result.lockedAccounts = await this.repository.lockedAccounts(now.toISOString());
    }
    if (this.register && this.policy.can(actor, 'register.read').allowed) {
      result.overdueChecks = (await this.register.overdue()).length;
      result.openDefects = await this.register.countOpenDefects();
    }
    return result;
  }
}
