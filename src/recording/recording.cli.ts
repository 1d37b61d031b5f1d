import type { HoldActor, HoldRecord } from './hold.js';
import { loadMasterKey } from './master-key.js';
import type { Recording } from './recording.module.js';

type Out = (line: string) => void;

/** The CLI's account in the logboek: a person at the server's console. */
export const cliHoldActor: HoldActor = { id: null, name: 'cli', role: null };

function holdLine(h: HoldRecord): string {
  const state = h.releasedAt ? `released ${h.releasedAt} by ${h.releasedBy}` : 'active';
  return `${h.id}  ${h.cameraIds.join(',')}  ${h.from} → ${h.to}  ${h.kind}${h.caseRef ? ` ${h.caseRef}` : ''}  ${state}  "${h.reason}"`;
}

export async function runHoldAdd(recording: Recording, input: { cameraIds: string[]; from: string; to: string; reason: string; caseRef?: string }, out: Out): Promise<number> {
  const hold = await recording.holds.create({ ...input, caseRef: input.caseRef ?? null }, cliHoldActor);
  out(`Hold ${hold.id} placed: ${hold.cameraIds.join(', ')} from ${hold.from} to ${hold.to}. Footage in it is kept until the hold is released.`);
  return 0;
}

export async function runHoldRelease(recording: Recording, id: string, reason: string, out: Out): Promise<number> {
  const hold = await recording.holds.release(id, reason, cliHoldActor);
  out(`Hold ${hold.id} released; the next retention sweep applies the limit to its footage again.`);
  return 0;
}

export async function runHoldList(recording: Recording, filter: { cameraId?: string; caseRef?: string; all?: boolean }, out: Out): Promise<number> {
  const holds = await recording.holds.list({ cameraId: filter.cameraId, caseRef: filter.caseRef, active: !filter.all });
  if (!holds.length) out(filter.all ? 'No holds.' : 'No active holds.');
  for (const h of holds) out(holdLine(h));
  return 0;
}

const mb = (bytes: number | null) => (bytes === null ? '–' : `${(bytes / 1048576).toFixed(1)} MB`);

export async function runRecorderStatus(recording: Recording, json: boolean, out: Out): Promise<number> {
  const status = await recording.status.status();
  if (json) {
    out(JSON.stringify(status, null, 2));
    return 0;
  }
  out(`Footage store: ${status.store.kind}, free ${mb(status.store.freeBytes)} (floor ${mb(status.store.floorBytes)})${status.store.paused ? ` — PAUSED: ${status.store.paused}` : ''}`);
  if (!status.cameras.length) out('No camera has been recorded yet.');
  for (const c of status.cameras) {
    const since = c.offlineSince ? ` offline since ${c.offlineSince}` : '';
    out(
      `${c.name} (${c.cameraId}): ${c.state}${since}; ${c.segmentCount} segments, ${mb(c.storedBytes)}; oldest ${c.oldestFootage ?? '–'}; ` +
        `limit ${c.retentionDays} days; ${c.mode}${c.activeHolds ? `; ${c.activeHolds} active hold(s)` : ''}${c.lastError ? `; last error: ${c.lastError}` : ''}`,
    );
  }
  for (const a of status.alerts) out(`ALERT ${a.kind}${a.cameraId ? ` ${a.cameraId}` : ''} since ${a.since}: ${a.message}`);
  return 0;
}

export async function runRetentionSweep(recording: Recording, out: Out): Promise<number> {
  const summary = await recording.retention.sweep();
  const deleted = Object.values(summary.cameras).reduce((n, c) => n + c.deleted + c.motionPruned, 0);
  out(`Sweep at ${summary.at}: ${deleted} segment(s) deleted, ${summary.holdsHonoured} kept by holds, ${summary.keysDestroyed} day key(s) destroyed.`);
  for (const [cameraId, c] of Object.entries(summary.cameras)) {
    out(`  ${cameraId}: limit ${c.retentionDays} d (cutoff ${c.cutoff}); deleted ${c.deleted}${c.motionPruned ? ` + ${c.motionPruned} without motion` : ''}; held ${c.held}; oldest kept ${c.oldestKept ?? '–'}`);
  }
  return 0;
}

/**
 * Master-key rotation: re-wraps every live day key under the key in `newKeyFile` (created, 0600, when
 * it does not exist) in one transaction. Afterwards configure TOEZICHT_MASTER_KEY_FILE to the new
 * file for every process; the old key opens nothing any more once all processes use the new one.
 */
export async function runMasterKeyRotate(recording: Recording, newKeyFile: string, out: Out): Promise<number> {
  const next = loadMasterKey({ file: newKeyFile });
  const { rewrapped, already } = await recording.rotateMasterKey(next, { id: null, name: 'cli', role: null });
  out(`Re-wrapped ${rewrapped} day key(s) under master key ${next.id}${already ? ` (${already} already were)` : ''}. Set TOEZICHT_MASTER_KEY_FILE=${newKeyFile} for every Toezicht process.`);
  return 0;
}

/** `toezicht recorder scan [--fix]`: the orphan scan (store-scan.ts); exit 1 when something is amiss and was not fixed. */
export async function runRecorderScan(recording: Recording, fix: boolean, out: Out): Promise<number> {
  const r = await recording.storeScan.scan({ fix, actor: { id: null, name: 'cli', role: null } });
  out(`Scanned ${r.objects} stored object(s) and ${r.rows} index row(s).`);
  out(`Objects without an index row: ${r.objectsWithoutRow.length} (${r.objectsWithoutRow.filter((x) => x.old).length} older than the grace period).`);
  for (const o of r.objectsWithoutRow) out(`  ${o.key}${o.modifiedAt ? `  written ${o.modifiedAt}` : ''}${o.old ? '' : '  (recent: may still be indexed)'}`);
  out(`Index rows without an object (footage lost): ${r.rowsWithoutObject.length}.`);
  for (const row of r.rowsWithoutObject) out(`  ${row.cameraId} ${row.start}  ${row.storageKey}${row.held ? '  HELD (kept in the index; report the loss)' : ''}`);
  if (r.fixed) out(`Fixed: ${r.fixed.objectsDeleted} object(s) deleted, ${r.fixed.rowsDeleted} index row(s) removed.`);
  const open = r.objectsWithoutRow.filter((x) => x.old).length + r.rowsWithoutObject.length;
  return r.fixed ? (r.rowsWithoutObject.some((x) => x.held) ? 1 : 0) : open ? 1 : 0;
}
