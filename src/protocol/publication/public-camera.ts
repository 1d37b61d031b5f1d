import type { Text } from '../provenance.schema.js';

/**
 * One camera on the public list: where it hangs and what it is for. Purposes are the
 * profile's own labels, in Dutch and English. `dummy` is set only for a dummy camera the profile
 * discloses; the page leaves out any dummy the profile keeps undisclosed (MOZ-3.3), whatever the
 * source sends.
 */
export interface PublicCamera {
  siteName: string;
  location: string;
  purposes: Text[];
  dummy?: boolean;
}

/** Where the public page reads the camera list from (the camera register, issue 4). */
export interface PublicCameraSource {
  publicCameras(siteId?: string): Promise<PublicCamera[]>;
}

/** No cameras: the page says the list is empty rather than failing. */
export const noPublicCameras: PublicCameraSource = { publicCameras: async () => [] };

/** The register's public list (grouped by site, see src/register/register.feed.ts), as its structure is. */
export interface RegisterPublicSite {
  siteId: string;
  name: string;
  cameras: { location: string; purposes: Text[]; dummy?: boolean }[];
}

/** Adapts the register's `publicCameraList()` to the page's flat list, optionally for one site. */
export function camerasFromRegister(list: () => Promise<RegisterPublicSite[]>): PublicCameraSource {
  return {
    async publicCameras(siteId) {
      const sites = (await list()).filter((site) => siteId === undefined || site.siteId === siteId);
      return sites.flatMap((site) => site.cameras.map((camera) => ({ siteName: site.name, ...camera })));
    },
  };
}
