import { CameraAccessError } from './connection-test.failure.js';
import type { OnvifClient } from './onvif.repository.js';
import { wsDiscovery } from './onvif.repository.js';
import type { RegisterActor, RegisterDeps } from './register.deps.js';
import { parseStreamUrl } from './stream-url.js';

export interface DiscoveredDevice {
  endpoint: string;
  /** Where to probe it: the host and port of its first device service address. */
  host: string;
  port: number;
  name: string | null;
  hardware: string | null;
  location: string | null;
  xaddrs: string[];
}

export const defaultDiscoveryMs = 1_500;

export interface ProbeInput {
  host: string;
  port: number;
  username?: string;
  password?: string;
}

export interface ProbeResult {
  host: string;
  port: number;
  device: { manufacturer: string | null; model: string | null; firmwareVersion: string | null; serialNumber: string | null; hardwareId: string | null };
  clockOffsetSeconds: number | null;
  profiles: { token: string; name: string; encoding: string | null; width: number | null; height: number | null; frameRate: number | null; streamUrl: string | null }[];
}

/**
 * Adding real cameras (issue 4, item 5): find ONVIF cameras on the network and ask one for its
 * make, model and stream addresses, to fill in the camera form. Stores nothing but a logboek
 * entry per search and per probe; the credentials given for a probe are used for its digest only
 * and never stored, returned, logged or written to the logboek.
 */
export class OnvifService {
  constructor(
    private readonly d: RegisterDeps,
    private readonly client: OnvifClient,
  ) {}

  /**
   * WS-Discovery: multicast on the local network, or a directed probe to one address (a camera on
   * another segment, where multicast does not reach). Devices answer within 500 ms
   * (APP_MAX_DELAY), so the default wait is short.
   */
  async discover(input: { address?: string; port?: number; timeoutMs?: number }, by: RegisterActor): Promise<DiscoveredDevice[]> {
    const target = {
      address: input.address ?? this.client.discoveryDefault.address,
      port: input.address ? (input.port ?? wsDiscovery.port) : this.client.discoveryDefault.port,
      timeoutMs: input.timeoutMs ?? defaultDiscoveryMs,
    };
    let devices: DiscoveredDevice[] = [];
    let failure: CameraAccessError | null = null;
    try {
      devices = (await this.client.discover(target)).flatMap((match) => {
        const url = URL.canParse(match.xaddrs[0]!) ? new URL(match.xaddrs[0]!) : null;
        if (!url) return [];
        const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
        return [{ endpoint: match.endpoint, host: url.hostname.replace(/^\[|\]$/g, ''), port, name: match.name, hardware: match.hardware, location: match.location, xaddrs: match.xaddrs }];
      });
    } catch (err) {
      if (!(err instanceof CameraAccessError)) throw err;
      failure = err;
    }
    await this.d.logbook.record({
      actor: by,
      action: 'register.onvif_discovered',
      subject: {
        target: input.address ? `${target.address}:${target.port}` : 'multicast', outcome: failure?.code ?? 'ok', reason: failure?.reason ?? null,
        found: devices.length, devices: devices.slice(0, 50).map((d) => ({ endpoint: d.endpoint, host: d.host, port: d.port, hardware: d.hardware })),
      },
    });
    if (failure) throw failure;
    return devices;
  }

  async probe(input: ProbeInput, by: RegisterActor): Promise<ProbeResult> {
    const credentials = input.username ? { username: input.username, password: input.password ?? '' } : null;
    let result: ProbeResult | null = null;
    let failure: CameraAccessError | null = null;
    try {
      const probe = await this.client.probe({ host: input.host, port: input.port, credentials });
      result = {
        host: input.host,
        port: input.port,
        device: probe.information,
        clockOffsetSeconds: probe.clockOffsetMs === null ? null : Math.round(probe.clockOffsetMs / 1000),
        profiles: probe.profiles.map(({ streamUri, ...profile }) => ({ ...profile, streamUrl: storedForm(streamUri) })),
      };
    } catch (err) {
      if (!(err instanceof CameraAccessError)) throw err;
      failure = err;
    }
    await this.d.logbook.record({
      actor: by,
      action: 'register.onvif_probed',
      subject: {
        host: input.host, port: input.port, withCredentials: credentials !== null, outcome: failure?.code ?? 'ok', reason: failure?.reason ?? null,
        manufacturer: result?.device.manufacturer ?? null, model: result?.device.model ?? null, profiles: result?.profiles.length ?? 0,
      },
    });
    if (failure) throw failure;
    return result!;
  }
}

/** A stream URI as the register stores it: rtsp(s) only, without the credentials some devices put in it. */
function storedForm(uri: string | null): string | null {
  if (!uri) return null;
  try {
    return parseStreamUrl(uri).url;
  } catch {
    return null;
  }
}
