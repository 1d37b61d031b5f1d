import type { Migration } from 'kysely';
import * as m0001 from './0001_accounts.js';
import * as m0002 from './0002_logbook.js';
import * as m0003 from './0003_register.js';
import * as m0004 from './0004_protocol_versions.js';
import * as m0010 from './0010_cases.js';
import * as m0011 from './0011_recording.js';
import * as m0012 from './0012_exports.js';
import * as m0013 from './0013_viewing.js';
import * as m0014 from './0014_redaction.js';
import * as m0015 from './0015_redaction_review.js';
import * as m0016 from './0016_privacy_masks.js';
import * as m0017 from './0017_export_jobs.js';
import * as m0020 from './0020_recorder_leases.js';
import * as m0022 from './0022_redaction_jobs.js';

/** Every migration, in order. Names sort lexically; never rename or edit a landed migration. */
export const migrations: Record<string, Migration> = {
  '0001_accounts': m0001,
  '0002_logbook': m0002,
  '0003_register': m0003,
  '0004_protocol_versions': m0004,
  '0010_cases': m0010,
  '0011_recording': m0011,
  '0012_exports': m0012,
  '0013_viewing': m0013,
  '0014_redaction': m0014,
  '0015_redaction_review': m0015,
  '0016_privacy_masks': m0016,
  '0017_export_jobs': m0017,
  '0020_recorder_leases': m0020,
  '0022_redaction_jobs': m0022,
};
