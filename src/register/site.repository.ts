import type { Kysely } from 'kysely';
import type { Executor } from '../auth/user.repository.js';
import type { Schema } from '../platform/db/schema.js';
import type { Site } from './camera.js';
import type { NewSiteRow, SiteRow, SiteUpdate } from './register.table.js';

export function toSite(row: SiteRow): Site {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    organisation: row.organisation,
    profileId: row.profile_id,
    siteOverride: row.site_override ? (JSON.parse(row.site_override) as Record<string, unknown>) : null,
    contactName: row.contact_name,
    contactTeam: row.contact_team,
    vveApplies: row.vve_applies === 1,
    maintenancePartner: row.maintenance_partner,
    processorAgreementDocumentId: row.processor_agreement_document_id,
    processorAgreementFrom: row.processor_agreement_from,
    processorAgreementUntil: row.processor_agreement_until,
    recorderLocation: row.recorder_location,
    recorderSecurity: row.recorder_security,
    viewingLocation: row.viewing_location,
    viewingSecurity: row.viewing_security,
    securityEvidenceDocumentId: row.security_evidence_document_id,
    checkIntervalDays: row.check_interval_days,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class SiteRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async list(ex: Executor = this.db): Promise<SiteRow[]> {
    return ex.selectFrom('register_sites').selectAll().orderBy('name').execute();
  }

  async findById(id: string, ex: Executor = this.db): Promise<SiteRow | undefined> {
    return ex.selectFrom('register_sites').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async findByName(name: string, ex: Executor = this.db): Promise<SiteRow | undefined> {
    return ex.selectFrom('register_sites').selectAll().where('name', '=', name).executeTakeFirst();
  }

  async insert(row: NewSiteRow, ex: Executor = this.db): Promise<void> {
    await ex.insertInto('register_sites').values(row).execute();
  }

  async update(id: string, changes: SiteUpdate, ex: Executor = this.db): Promise<void> {
    await ex.updateTable('register_sites').set(changes).where('id', '=', id).execute();
  }
}
