/**
 * A second Toezicht process for the export-job restart test: opens the given SQLite file and data
 * directory, starts (its export-job worker runs as in `serve`) and waits to be killed.
 *   node --import tsx test/exports/job-worker.child.ts <db file> <data dir> <lease seconds>
 */
import { createToezicht } from '../../src/bin/app.js';
import { loadConfig } from '../../src/platform/config.js';
import { openSqliteFile } from '../../src/platform/db/database.js';
import { createLogger } from '../../src/platform/logger.js';
import { testOnvifDiscovery } from '../support/network.js';

const [file, dataDir, lease] = process.argv.slice(2);
const config = loadConfig({}, { dataDir, logLevel: 'silent', profile: 'domijn', onvifDiscovery: testOnvifDiscovery, exportJobLeaseSeconds: Number(lease) });
await createToezicht({ config, database: openSqliteFile(file!), logger: createLogger('silent') });
process.stdout.write('ready\n');
setInterval(() => undefined, 60_000);
