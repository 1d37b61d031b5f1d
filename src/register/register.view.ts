import type { ProtocolProfile } from '../protocol/profile.schema.js';
import type { Camera } from './camera.js';

/** The API's view of a camera: named fields only, so no credential can ever ride along. */
export function cameraView(c: Camera) {
  return {
    id: c.id, siteId: c.siteId, name: c.name, location: c.location, areaType: c.areaType, purposes: c.purposes, legalBasis: c.legalBasis,
    responsible: c.responsible,
    viewChecklist: Object.fromEntries(Object.entries(c.viewChecklist).map(([k, v]) => [k, { compliant: v!.compliant, photoDocumentId: v!.photoDocumentId ?? null }])),
    signageLocation: c.signageLocation, signagePhotoDocumentId: c.signagePhotoDocumentId, streamUrl: c.streamUrl, hasCredentials: c.hasCredentials,
    secureConnection: c.secureConnection, recordingMode: c.recordingMode, status: c.status, dummy: c.dummy, hidden: c.hidden, staffInView: c.staffInView,
    systematicPublic: c.systematicPublic, activatedAt: c.activatedAt, createdAt: c.createdAt, updatedAt: c.updatedAt,
  };
}

/** What the register's forms need from a profile: purposes, bases, view limits, questions and what it allows. */
export function registerProfileView(p: ProtocolProfile) {
  return {
    id: p.id,
    organisation: p.organisation.name,
    title: p.title,
    purposes: p.purposes.items.map((i) => ({ id: i.id, label: i.label })),
    legalBases: p.legalBases.map((b) => ({ basis: b.basis, label: b.label })),
    placement: p.cameras.placement.map((l) => ({ limit: l.limit, rule: l.rules[0] ?? 'silent' })),
    proportionalityQuestions: p.cameras.proportionality.questions,
    proportionalityBy: p.cameras.proportionality.assessedBy,
    hiddenAllowed: p.cameras.hidden.allowed !== 'never',
    dummiesAllowed: p.cameras.dummies.allowed,
    recordingMode: p.retention.recording.mode,
    periodicChecks: p.security.measures.some((m) => m.measure === 'periodic_checks'),
    perSiteProtocol: p.sites.perSiteProtocol,
  };
}
