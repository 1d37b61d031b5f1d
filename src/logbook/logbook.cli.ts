import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../platform/db/database.js';
import { loadPublicKeys } from './checkpoint-key.js';
import { LogbookRepository } from './logbook.repository.js';
import { verifyStoredLogbook } from './logbook.service.js';

/**
 * `toezicht logbook verify`: recomputes the whole chain and checks every signed checkpoint,
 * then prints one line. Exit status 0: intact; 1: broken (the line names the first entry
 * where it breaks); 2: the logboek could not be read. Read-only: creates no file or key.
 */
export async function runLogbookVerify(opts: { databaseUrl?: string; dataDir: string; out: (line: string) => void }): Promise<number> {
  if (!opts.databaseUrl && !fs.existsSync(path.join(opts.dataDir, 'toezicht.sqlite'))) {
    opts.out(`logboek cannot be verified: no database in ${opts.dataDir}`);
    return 2;
  }
  let database: ReturnType<typeof openDatabase> | null = null;
  try {
    database = openDatabase({ databaseUrl: opts.databaseUrl, dataDir: opts.dataDir });
    const result = await verifyStoredLogbook(new LogbookRepository(database.db), loadPublicKeys(opts.dataDir));
    const checkpoints = `${result.checkpoints} checkpoint${result.checkpoints === 1 ? '' : 's'}`;
    if (result.ok) {
      const head = result.entries === 0 ? 'empty' : `head #${result.headSeq} ${result.headHash.slice(0, 16)}`;
      opts.out(`logboek intact: ${result.entries} entries, ${head}, ${checkpoints}`);
      return 0;
    }
    opts.out(`logboek BROKEN at #${result.seq}: ${result.problem}`);
    return 1;
  } catch (err) {
    opts.out(`logboek cannot be verified: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  } finally {
    await database?.close();
  }
}
