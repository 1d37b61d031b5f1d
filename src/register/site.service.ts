import crypto from 'node:crypto';
import type { Executor } from '../auth/user.repository.js';
import { conflict, invalid, notFound } from '../platform/errors.js';
import { ActivationGate, refusal } from './activation.gate.js';
import type { Site } from './camera.js';
import { toCamera } from './camera.repository.js';
import type { RegisterActor, RegisterDeps } from './register.deps.js';
import type { SiteUpdate } from './register.table.js';
import { effectiveProfile } from './site-profile.js';
import { toSite } from './site.repository.js';

export interface SiteInput {
  name: string;
  address: string;
  organisation: string;
  /** Defaults to the organisation's active profile. */
  profileId?: string;
  siteOverride?: Record<string, unknown> | null;
  contactName?: string | null;
  contactTeam?: string | null;
  vveApplies?: boolean;
  maintenancePartner?: string | null;
  processorAgreementDocumentId?: string | null;
  processorAgreementFrom?: string | null;
  processorAgreementUntil?: string | null;
  recorderLocation?: string | null;
  recorderSecurity?: string | null;
  viewingLocation?: string | null;
  viewingSecurity?: string | null;
  securityEvidenceDocumentId?: string | null;
  checkIntervalDays?: number | null;
}

export type SiteChanges = Partial<SiteInput>;

/** Default days between periodic checks where the profile asks for them (MOZ-2.3, WCP-3) and the site names none. */
export const defaultCheckIntervalDays = 90;

const columns: Record<Exclude<keyof SiteInput, 'siteOverride' | 'vveApplies'>, keyof SiteUpdate> = {
  name: 'name',
  address: 'address',
  organisation: 'organisation',
  profileId: 'profile_id',
  contactName: 'contact_name',
  contactTeam: 'contact_team',
  maintenancePartner: 'maintenance_partner',
  processorAgreementDocumentId: 'processor_agreement_document_id',
  processorAgreementFrom: 'processor_agreement_from',
  processorAgreementUntil: 'processor_agreement_until',
  recorderLocation: 'recorder_location',
  recorderSecurity: 'recorder_security',
  viewingLocation: 'viewing_location',
  viewingSecurity: 'viewing_security',
  securityEvidenceDocumentId: 'security_evidence_document_id',
  checkIntervalDays: 'check_interval_days',
};

/** Sites (complexes, buildings): the profile that governs their cameras and the organisational facts around them. */
export class SiteService {
  private readonly gate: ActivationGate;

  constructor(private readonly d: RegisterDeps) {
    this.gate = new ActivationGate(d);
  }

  async list(): Promise<Site[]> {
    return (await this.d.sites.list()).map(toSite);
  }

  async get(id: string, ex: Executor = this.d.db): Promise<Site> {
    const row = await this.d.sites.findById(id, ex);
    if (!row) throw notFound('site_not_found', `No site ${id}`);
    return toSite(row);
  }

  async create(input: SiteInput, by: RegisterActor, ex?: Executor): Promise<Site> {
    const id = crypto.randomUUID();
    const now = this.d.clock.now().toISOString();
    const draft: Site = {
      id, name: input.name.trim(), address: input.address.trim(), organisation: input.organisation.trim(), profileId: input.profileId ?? this.d.activeProfile().id,
      siteOverride: input.siteOverride ?? null, contactName: null, contactTeam: null, vveApplies: input.vveApplies ?? false,
      maintenancePartner: null, processorAgreementDocumentId: null, processorAgreementFrom: null, processorAgreementUntil: null,
      recorderLocation: null, recorderSecurity: null, viewingLocation: null, viewingSecurity: null, securityEvidenceDocumentId: null,
      checkIntervalDays: input.checkIntervalDays ?? null, createdAt: now, updatedAt: now,
    };
    const site = { ...draft, ...pickNullable({ ...input, profileId: draft.profileId }) } as Site;
    const profile = effectiveProfile(site, this.d.activeProfile);
    if (site.checkIntervalDays === null && profile.security.measures.some((m) => m.measure === 'periodic_checks')) site.checkIntervalDays = defaultCheckIntervalDays;
    const run = async (trx: Executor) => {
      await this.validate(site, trx);
      await this.d.sites.insert(toRow(site), trx);
      await this.d.logbook.append(trx, { actor: by, action: 'register.site_created', subject: { siteId: id, name: site.name, profileId: site.profileId } });
    };
    if (ex) await run(ex);
    else await this.d.db.transaction().execute(run);
    return this.get(id, ex);
  }

  async update(id: string, changes: SiteChanges, by: RegisterActor): Promise<Site> {
    await this.d.db.transaction().execute(async (trx) => {
      const before = await this.get(id, trx);
      const after: Site = { ...before, ...pickNullable(changes), updatedAt: this.d.clock.now().toISOString() };
      if (changes.name !== undefined) after.name = changes.name.trim();
      if (changes.siteOverride !== undefined) after.siteOverride = changes.siteOverride;
      if (changes.vveApplies !== undefined) after.vveApplies = changes.vveApplies;
      effectiveProfile(after, this.d.activeProfile);
      await this.validate(after, trx);
      await this.d.sites.update(id, toRow(after), trx);
      // A site change may not leave an active camera without what its (new) profile requires (INV-8).
      const active = (await this.d.cameras.list({ siteId: id, statuses: ['active'] }, trx)).map(toCamera);
      for (const ctx of await this.gate.contexts(active, trx)) {
        const check = this.gate.check(ctx);
        if (!check.allowed) throw refusal(check, ctx.camera);
      }
      await this.d.logbook.append(trx, { actor: by, action: 'register.site_changed', subject: { siteId: id, name: after.name, changed: Object.keys(changes).sort() } });
    });
    return this.get(id);
  }

  private async validate(site: Site, ex: Executor): Promise<void> {
    if (!site.name) throw invalid('site_name_required', 'A site needs a name', 'name');
    if (!site.address) throw invalid('site_address_required', 'A site needs an address', 'address');
    if (!site.organisation) throw invalid('site_organisation_required', 'A site needs its organisation', 'organisation');
    const same = await this.d.sites.findByName(site.name, ex);
    if (same && same.id !== site.id) throw conflict('site_name_taken', `There is already a site named ${site.name}`, 'name');
    if (site.processorAgreementFrom && site.processorAgreementUntil && site.processorAgreementUntil < site.processorAgreementFrom) {
      throw invalid('date_order', 'The processor agreement ends before it starts', 'processorAgreementUntil');
    }
    const documents = { processorAgreementDocumentId: site.processorAgreementDocumentId, securityEvidenceDocumentId: site.securityEvidenceDocumentId };
    const known = await this.d.documents.existing(Object.values(documents).filter((v): v is string => !!v), ex);
    for (const [field, value] of Object.entries(documents)) {
      if (value && !known.has(value)) throw invalid('unknown_document', 'No such document: upload it first', field);
    }
  }
}

function pickNullable(input: SiteChanges): Partial<Site> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(columns) as (keyof typeof columns)[]) {
    const value = input[key];
    if (value !== undefined) out[key] = typeof value === 'string' ? value.trim() || null : value;
  }
  return out as Partial<Site>;
}

function toRow(site: Site) {
  return {
    id: site.id, name: site.name, address: site.address, organisation: site.organisation, profile_id: site.profileId,
    site_override: site.siteOverride ? JSON.stringify(site.siteOverride) : null, contact_name: site.contactName, contact_team: site.contactTeam,
    vve_applies: site.vveApplies ? 1 : 0, maintenance_partner: site.maintenancePartner, processor_agreement_document_id: site.processorAgreementDocumentId,
    processor_agreement_from: site.processorAgreementFrom, processor_agreement_until: site.processorAgreementUntil, recorder_location: site.recorderLocation,
    recorder_security: site.recorderSecurity, viewing_location: site.viewingLocation, viewing_security: site.viewingSecurity,
    security_evidence_document_id: site.securityEvidenceDocumentId, check_interval_days: site.checkIntervalDays, created_at: site.createdAt, updated_at: site.updatedAt,
  };
}
