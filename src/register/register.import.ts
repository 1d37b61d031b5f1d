import type { Executor } from '../auth/user.repository.js';
import { DomainError } from '../platform/errors.js';
import { areaTypes, recordingModes, type AreaType, type RecordingMode } from './camera.js';
import { toCamera } from './camera.repository.js';
import type { CameraService } from './camera.service.js';
import { csvBoolean, CsvError, readRegisterCsv, registerToCsv, type RegisterColumn } from './register.csv.js';
import type { RegisterActor, RegisterDeps } from './register.deps.js';
import type { SiteService } from './site.service.js';
import { toSite } from './site.repository.js';

export interface ImportProblem {
  /** "line 3: area_type" */
  field: string;
  message: string;
}

/** An import with problems: nothing was saved; every problem names its line and column. */
export class ImportRefused extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super(`Import refused: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
  }
}

const cameraField: Record<string, RegisterColumn> = {
  name: 'camera_name', location: 'location', areaType: 'area_type', purposes: 'purposes', legalBasis: 'legal_basis', responsible: 'responsible',
  recordingMode: 'recording_mode', streamUrl: 'stream_url', password: 'stream_url', username: 'stream_url', dummy: 'dummy', hidden: 'hidden',
  signageLocation: 'signage_location', siteId: 'site_name',
};
const siteField: Record<string, RegisterColumn> = { name: 'site_name', address: 'site_address', organisation: 'site_organisation', profileId: 'site_profile' };

/** CSV export and all-or-nothing import of the register (issue 4, item 6). */
export class RegisterCsvService {
  constructor(
    private readonly d: RegisterDeps,
    private readonly sites: SiteService,
    private readonly cameras: CameraService,
  ) {}

  async exportCsv(): Promise<string> {
    const sites = (await this.d.sites.list()).map(toSite);
    const cameras = (await this.d.cameras.list()).map(toCamera);
    return registerToCsv(sites, cameras);
  }

  /** The register leaves the system as a file: the logboek says who took it. */
  async recordExport(by: RegisterActor): Promise<void> {
    await this.d.logbook.record({ actor: by, action: 'register.exported', subject: { format: 'csv' } });
  }

  /**
   * Creates the sites and cameras the file names (cameras as planned). Every row is checked;
   * when any row has a problem, nothing is saved and every problem is reported.
   */
  async importCsv(text: string, by: RegisterActor): Promise<{ sites: number; cameras: number }> {
    let rows: ReturnType<typeof readRegisterCsv>;
    try {
      rows = readRegisterCsv(text);
    } catch (err) {
      if (err instanceof CsvError) throw new ImportRefused([{ field: `line ${err.line}: ${err.column}`, message: err.message }]);
      throw err;
    }
    const problems: ImportProblem[] = [];
    const counts = { sites: 0, cameras: 0 };
    await this.d.db.transaction().execute(async (trx) => {
      for (const { line, cells } of rows) {
        try {
          await this.importRow(cells, by, trx, counts);
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          const field = typeof err.details.field === 'string' ? err.details.field : '';
          const column = cameraField[field] ?? siteField[field] ?? field.replace(/^siteOverride.*/, 'site_profile');
          problems.push({ field: `line ${line}${column ? `: ${column}` : ''}`, message: err.message });
        }
      }
      if (problems.length > 0) throw new ImportRefused(problems);
      await this.d.logbook.append(trx, { actor: by, action: 'register.imported', subject: { rows: rows.length, ...counts } });
    });
    return counts;
  }

  /** One row: its site (found by name, or created) and its camera. Validation happens before any write. */
  private async importRow(cells: Partial<Record<RegisterColumn, string>>, by: RegisterActor, trx: Executor, counts: { sites: number; cameras: number }) {
    const siteName = cells.site_name ?? '';
    const existing = siteName ? await this.d.sites.findByName(siteName, trx) : undefined;
    let siteId = existing?.id;
    if (existing && cells.site_profile && cells.site_profile !== existing.profile_id) {
      throw new DomainError('invalid', 'profile_mismatch', `Site ${siteName} exists with profile ${existing.profile_id}`, { field: 'profileId' });
    }
    if (!siteId) {
      const site = await this.sites.create(
        { name: siteName, address: cells.site_address ?? '', organisation: cells.site_organisation ?? '', profileId: cells.site_profile || undefined },
        by,
        trx,
      );
      siteId = site.id;
      counts.sites++;
    }
    if (!cells.camera_name) return;
    const flag = (column: RegisterColumn) => {
      const value = csvBoolean(cells[column]);
      if (value === null) throw new DomainError('invalid', 'invalid_boolean', 'Use yes or no', { field: column });
      return value;
    };
    const areaType = cells.area_type ?? '';
    if (!(areaTypes as readonly string[]).includes(areaType)) throw new DomainError('invalid', 'invalid_area_type', `Use one of ${areaTypes.join(', ')}`, { field: 'area_type' });
    const mode = cells.recording_mode || undefined;
    if (mode && !(recordingModes as readonly string[]).includes(mode)) throw new DomainError('invalid', 'invalid_recording_mode', 'Use continuous or motion', { field: 'recording_mode' });
    await this.cameras.create(
      {
        siteId, name: cells.camera_name, location: cells.location ?? '', areaType: areaType as AreaType,
        purposes: (cells.purposes ?? '').split(/[;|]/).map((p) => p.trim()).filter(Boolean), legalBasis: cells.legal_basis || null,
        responsible: cells.responsible || null, recordingMode: mode as RecordingMode | undefined, dummy: flag('dummy'), hidden: flag('hidden'),
        staffInView: flag('staff_in_view'), systematicPublic: flag('systematic_public'), secureConnection: flag('secure_connection'),
        streamUrl: cells.stream_url || null, signageLocation: cells.signage_location || null,
      },
      by,
      trx,
    );
    counts.cameras++;
  }
}
