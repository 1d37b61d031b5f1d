/**
 * A second Toezicht process for the render crash-window test: starts like analysis-worker.child.ts
 * (its workers poll for jobs), but kills itself with SIGKILL the moment a render's derived export has
 * been created, i.e. right after the export's transaction committed, before anything the render does
 * after that (marking itself done, removing its temporary work folder). A fault injected around the
 * real export feature; nothing is mocked.
 *   node --import tsx test/redaction/render-crash.child.ts <db file | postgres url> <data dir> <lease seconds> [profile]
 */
import { createToezicht } from '../../src/bin/app.js';
import { loadConfig } from '../../src/platform/config.js';
import { openDatabase, openSqliteFile } from '../../src/platform/db/database.js';
import { createLogger } from '../../src/platform/logger.js';
import { testOnvifDiscovery } from '../support/network.js';

const [db, dataDir, lease, profile] = process.argv.slice(2);
const config = loadConfig({}, { dataDir, logLevel: 'silent', profile: profile ?? 'domijn', onvifDiscovery: testOnvifDiscovery, exportJobLeaseSeconds: Number(lease) });
const database = db!.startsWith('postgres') ? openDatabase({ databaseUrl: db, dataDir: dataDir!, onPoolError: () => undefined }) : openSqliteFile(db!);
const app = await createToezicht({ config, database, logger: createLogger('silent') });
const createDerived = app.exports.createDerived.bind(app.exports);
app.exports.createDerived = async (...args) => {
  const created = await createDerived(...args);
  process.stdout.write(`export committed ${created.export.id}\n`);
  process.kill(process.pid, 'SIGKILL');
  return created;
};
process.stdout.write('ready\n');
setInterval(() => undefined, 60_000);
