import type { Migration } from 'kysely';
import * as m0001 from './0001_accounts.js';
import * as m0002 from './0002_logbook.js';
import * as m0003 from './0003_register.js';

/** Every migration, in order. Names sort lexically; never rename or edit a landed migration. */
export const migrations: Record<string, Migration> = {
  '0001_accounts': m0001,
  '0002_logbook': m0002,
  '0003_register': m0003,
};
