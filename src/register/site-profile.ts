import { getProfile } from '../protocol/profiles/index.js';
import type { ProtocolProfile } from '../protocol/profile.schema.js';
import { applySiteOverride } from '../protocol/site-override.js';
import { DomainError, invalid } from '../platform/errors.js';
import type { Site } from './camera.js';

/**
 * Finds a site's profile: the organisation's profile in force when the site follows it (so a new
 * version governs at once), else the shipped profile of that id.
 */
export type ProfileSource = () => ProtocolProfile;

export function profileFor(id: string, active: ProfileSource, field = 'profileId'): ProtocolProfile {
  const current = active();
  const profile = current.id === id ? current : getProfile(id);
  if (!profile) throw invalid('unknown_profile', `No protocol profile '${id}'`, field);
  return profile;
}

/**
 * The profile that governs a site: its organisation's profile, tightened by the site's own
 * override (DOM-12). An override that would loosen the profile is refused, naming the field.
 */
export function effectiveProfile(site: Pick<Site, 'id' | 'profileId' | 'siteOverride'>, active: ProfileSource): ProtocolProfile {
  const profile = profileFor(site.profileId, active);
  if (!site.siteOverride) return profile;
  try {
    return applySiteOverride(profile, { ...site.siteOverride, site: site.id });
  } catch (err) {
    if (err instanceof DomainError) {
      const field = typeof err.details.field === 'string' ? `siteOverride.${err.details.field}` : 'siteOverride';
      throw new DomainError(err.kind, err.code, err.message, { ...err.details, field });
    }
    throw err;
  }
}
