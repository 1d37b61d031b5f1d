import type { Kysely } from 'kysely';
import type { Executor } from '../auth/user.repository.js';
import type { Schema } from '../platform/db/schema.js';
import type { AreaType, Camera, CameraStatus, RecordingMode, ViewChecklist } from './camera.js';
import type { CameraRow, CameraUpdate, NewCameraRow } from './register.table.js';

/** The domain camera: the sealed credentials stay behind (only whether there are any). */
export function toCamera(row: CameraRow): Camera {
  return {
    id: row.id,
    siteId: row.site_id,
    name: row.name,
    location: row.location,
    areaType: row.area_type as AreaType,
    purposes: JSON.parse(row.purposes) as string[],
    legalBasis: row.legal_basis,
    responsible: row.responsible,
    viewChecklist: JSON.parse(row.view_checklist) as ViewChecklist,
    signageLocation: row.signage_location,
    signagePhotoDocumentId: row.signage_photo_document_id,
    streamUrl: row.stream_url,
    hasCredentials: row.credentials_sealed !== null,
    secureConnection: row.secure_connection === 1,
    recordingMode: row.recording_mode as RecordingMode,
    status: row.status as CameraStatus,
    dummy: row.dummy === 1,
    hidden: row.hidden === 1,
    staffInView: row.staff_in_view === 1,
    systematicPublic: row.systematic_public === 1,
    activatedAt: row.activated_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class CameraRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async list(filter: { siteId?: string; statuses?: readonly CameraStatus[] } = {}, ex: Executor = this.db): Promise<CameraRow[]> {
    let query = ex.selectFrom('register_cameras').selectAll();
    if (filter.siteId) query = query.where('site_id', '=', filter.siteId);
    if (filter.statuses) query = query.where('status', 'in', [...filter.statuses]);
    return query.orderBy('site_id').orderBy('name').execute();
  }

  async findById(id: string, ex: Executor = this.db): Promise<CameraRow | undefined> {
    return ex.selectFrom('register_cameras').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async findByName(siteId: string, name: string, ex: Executor = this.db): Promise<CameraRow | undefined> {
    return ex.selectFrom('register_cameras').selectAll().where('site_id', '=', siteId).where('name', '=', name).executeTakeFirst();
  }

  async insert(row: NewCameraRow, ex: Executor = this.db): Promise<void> {
    await ex.insertInto('register_cameras').values(row).execute();
  }

  async update(id: string, changes: CameraUpdate, ex: Executor = this.db): Promise<void> {
    await ex.updateTable('register_cameras').set(changes).where('id', '=', id).execute();
  }
}
