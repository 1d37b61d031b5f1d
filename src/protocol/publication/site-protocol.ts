import { DomainError } from '../../platform/errors.js';
import type { ActiveProfile } from '../active-profile.js';
import type { ProtocolProfile } from '../profile.schema.js';
import { getProfile } from '../profiles/index.js';
import { applySiteOverride } from '../site-override.js';

/** A site's protocol for its public page (DOM-12): the site's name and its effective profile. */
export interface SiteProtocolSource {
  siteProtocol(siteId: string): Promise<{ siteName: string; profile: ProtocolProfile } | null>;
}

export const noSiteProtocols: SiteProtocolSource = { siteProtocol: async () => null };

/** What the page needs of a register site (src/register/camera.ts `Site`), by structure. */
export interface RegisterSite {
  id: string;
  name: string;
  profileId: string;
  siteOverride: Record<string, unknown> | null;
}

/**
 * A site's protocol: the organisation's profile in force (or, for a site of another organisation,
 * its shipped profile), tightened by the site's override. A site the register does not know, or
 * whose profile is unknown, has no page.
 */
export function siteProtocolsFrom(find: (siteId: string) => Promise<RegisterSite>, active: ActiveProfile): SiteProtocolSource {
  return {
    async siteProtocol(siteId) {
      let site: RegisterSite;
      try {
        site = await find(siteId);
      } catch (err) {
        if (err instanceof DomainError && err.kind === 'not_found') return null;
        throw err;
      }
      const current = active.current();
      const base = site.profileId === current.id ? current : getProfile(site.profileId);
      if (!base) return null;
      const profile = site.siteOverride ? applySiteOverride(base, { ...site.siteOverride, site: site.id }) : base;
      return { siteName: site.name, profile };
    },
  };
}
