import type { Text } from '../protocol/provenance.schema.js';
import { ActivationGate } from './activation.gate.js';
import type { RecordingMode } from './camera.js';
import { openCredentials } from './camera-input.js';
import { toCamera } from './camera.repository.js';
import type { RegisterDeps } from './register.deps.js';
import type { StreamCredentials } from './stream-url.js';

/** What the recorder needs to record one camera. Holds the opened credentials: never log or return it. */
export interface RecordingTarget {
  cameraId: string;
  siteId: string;
  name: string;
  /** The stored URL, without credentials; see withCredentials() in stream-url.ts. */
  streamUrl: string;
  credentials: StreamCredentials | null;
  recordingMode: RecordingMode;
  /** The site's effective retention limit (profile, tightened by the site). */
  retentionDays: number;
  profileId: string;
}

export interface PublicCamera {
  location: string;
  purposes: Text[];
  /** Present only where the profile discloses dummies. */
  dummy?: boolean;
}

export interface PublicSite {
  siteId: string;
  name: string;
  address: string;
  organisation: string;
  cameras: PublicCamera[];
}

/** What other features read from the register: the recorder's list (INV-8) and the public camera list. */
export class RegisterFeed {
  private readonly gate: ActivationGate;

  constructor(private readonly d: RegisterDeps) {
    this.gate = new ActivationGate(d);
  }

  /**
   * Only active, real cameras with a connection whose required approvals are on record today: the
   * gate is evaluated again on every call, so a lapsed approval or a hidden camera past its end
   * date drops out without anyone changing its status.
   */
  async camerasAllowedToRecord(): Promise<RecordingTarget[]> {
    const rows = await this.d.cameras.list({ statuses: ['active'] });
    const sealed = new Map(rows.map((row) => [row.id, row.credentials_sealed]));
    const cameras = rows.map(toCamera).filter((camera) => !camera.dummy && camera.streamUrl);
    return (await this.gate.contexts(cameras))
      .filter((ctx) => this.gate.check(ctx).allowed)
      .map(({ camera, site, profile }) => ({
        cameraId: camera.id,
        siteId: site.id,
        name: camera.name,
        streamUrl: camera.streamUrl!,
        credentials: openCredentials(this.d.secrets, sealed.get(camera.id) ?? null),
        recordingMode: camera.recordingMode,
        retentionDays: profile.retention.limitDays,
        profileId: profile.id,
      }));
  }

  /**
   * The public list of camera locations and purposes: cameras in service, never a hidden one;
   * dummies only where the profile discloses them (MOZ-3.3 does not); sites whose profile keeps the
   * list private are left out.
   */
  async publicCameraList(): Promise<PublicSite[]> {
    const cameras = (await this.d.cameras.list({ statuses: ['active', 'defect'] })).map(toCamera).filter((camera) => !camera.hidden);
    const bySite = new Map<string, PublicSite>();
    for (const { camera, site, profile } of await this.gate.contexts(cameras)) {
      if (!profile.publication.cameraListPublic) continue;
      if (camera.dummy && !profile.cameras.dummies.disclosed) continue;
      const entry = bySite.get(site.id) ?? { siteId: site.id, name: site.name, address: site.address, organisation: site.organisation, cameras: [] };
      bySite.set(site.id, entry);
      const labels = new Map(profile.purposes.items.map((p) => [p.id, p.label]));
      entry.cameras.push({
        location: camera.location,
        purposes: camera.purposes.map((id) => labels.get(id)).filter((label): label is Text => !!label),
        ...(camera.dummy ? { dummy: true } : {}),
      });
    }
    return [...bySite.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
