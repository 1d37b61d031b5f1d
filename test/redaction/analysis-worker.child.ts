/**
 * A second Toezicht process for the redaction-job takeover test: opens the given database (a SQLite
 * file, or a postgres:// URL) and data directory, starts as `serve` does (its redaction workers
 * poll for jobs) and waits to be killed.
 *   node --import tsx test/redaction/analysis-worker.child.ts <db file | postgres url> <data dir> <lease seconds> [profile]
 */
import { createToezicht } from '../../src/bin/app.js';
import { loadConfig } from '../../src/platform/config.js';
import { openDatabase, openSqliteFile } from '../../src/platform/db/database.js';
import { createLogger } from '../../src/platform/logger.js';
import { testOnvifDiscovery } from '../support/network.js';

const [db, dataDir, lease, profile] = process.argv.slice(2);
const config = loadConfig({}, { dataDir, logLevel: 'silent', profile: profile ?? 'domijn', onvifDiscovery: testOnvifDiscovery, exportJobLeaseSeconds: Number(lease) });
const database = db!.startsWith('postgres') ? openDatabase({ databaseUrl: db, dataDir: dataDir!, onPoolError: () => undefined }) : openSqliteFile(db!);
await createToezicht({ config, database, logger: createLogger('silent') });
process.stdout.write('ready\n');
setInterval(() => undefined, 60_000);
