import crypto from 'node:crypto';
import dgram from 'node:dgram';
import http from 'node:http';
import net from 'node:net';
import { CameraAccessError, reasonFromErrno } from './connection-test.failure.js';
import {
  envelope, isAuthFault, parseDeviceInformation, parseMediaXAddr, parseProbeMatches, parseProfiles, parseStreamUri, parseSystemDateAndTime,
  probeMessage, readSoap, requests, type DeviceInformation, type MediaProfile, type ProbeMatch, type SoapAnswer,
} from './onvif-soap.js';
import { XmlError } from './onvif-xml.js';

/**
 * The network half of ONVIF: SOAP 1.2 requests over HTTP to one device, and WS-Discovery probes
 * over UDP. The only register code that talks to cameras' ONVIF services (convention 1). Every
 * request has a timeout and a response size limit; credentials only ever go into the digest.
 *
 * Why not the `onvif` npm package: its Cam.connect() makes a dozen calls we do not need (PTZ,
 * events, video sources…) before it is usable, its Discovery is a process-wide singleton
 * EventEmitter that always probes 239.255.255.250:3702 (no unicast target for cameras on another
 * VLAN, and untestable without multicast), it parses with xml2js into untyped objects, and its
 * errors arrive as strings or unhandled 'error' events. Five calls, a probe and a strict XML
 * reader are ~650 lines here, typed, tested with tables, and refuse DOCTYPEs (no XXE).
 * (docs/register.md, "Adding real cameras".)
 */

export interface OnvifCredentials {
  username: string;
  password: string;
}

export interface OnvifDeviceTarget {
  host: string;
  port: number;
  credentials: OnvifCredentials | null;
}

export interface ProbedProfile extends MediaProfile {
  /** As the device reports it (it may carry credentials: the service strips them). */
  streamUri: string | null;
}

export interface DeviceProbe {
  information: DeviceInformation;
  /** How far the device's clock is ahead of ours (ms); null when it did not say. */
  clockOffsetMs: number | null;
  profiles: ProbedProfile[];
}

export interface DiscoveryTarget {
  /** 239.255.255.250 (the WS-Discovery multicast group), or one device's address for a directed probe. */
  address: string;
  port: number;
  timeoutMs: number;
}

export const wsDiscovery = { address: '239.255.255.250', port: 3702 } as const;

export interface OnvifClientOptions {
  /** Where a discovery without an address is sent: the WS-Discovery group by default (tests use loopback). */
  discovery?: { address: string; port: number };
  /** Per request. */
  requestTimeoutMs?: number;
  maxResponseBytes?: number;
}

export class OnvifClient {
  private readonly requestTimeoutMs: number;
  private readonly maxResponseBytes: number;
  readonly discoveryDefault: { address: string; port: number };

  constructor(options: OnvifClientOptions = {}) {
    this.discoveryDefault = options.discovery ?? wsDiscovery;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 5_000;
    this.maxResponseBytes = options.maxResponseBytes ?? 1024 * 1024;
  }

  /** Device information, media profiles and their RTSP stream URIs; throws CameraAccessError. */
  async probe(target: OnvifDeviceTarget): Promise<DeviceProbe> {
    const origin = `http://${net.isIPv6(target.host) ? `[${target.host}]` : target.host}:${target.port}`;
    const deviceUrl = `${origin}/onvif/device_service`;
    // The digest's timestamp must be near the device's clock: ask it first (no credentials needed).
    let offset = 0;
    let clockOffsetMs: number | null = null;
    try {
      const time = await this.call(deviceUrl, requests.getSystemDateAndTime(), null, 0);
      const deviceNow = time.ok ? parseSystemDateAndTime(time.body) : null;
      if (deviceNow) offset = clockOffsetMs = deviceNow.getTime() - Date.now();
    } catch (err) {
      // Unreachable is final; anything else (firmware that wants credentials even for this) the next call will tell.
      if (!(err instanceof CameraAccessError) || err.code === 'camera_unreachable') throw err;
    }
    const credentials = target.credentials;
    const info = this.body(await this.call(deviceUrl, requests.getDeviceInformation(), credentials, offset), credentials);
    const information = this.read(() => parseDeviceInformation(info));

    // The media service usually shares the device service's address; a camera behind NAT reports
    // its own internal address, so keep only the path and reach it the way we reached the device.
    let mediaUrl = deviceUrl;
    const capabilities = await this.call(deviceUrl, requests.getCapabilities(), credentials, offset);
    if (capabilities.ok) {
      const xaddr = parseMediaXAddr(capabilities.body);
      const path = xaddr ? pathOf(xaddr) : null;
      if (path) mediaUrl = `${origin}${path}`;
    }
    const profilesBody = this.body(await this.call(mediaUrl, requests.getProfiles(), credentials, offset), credentials);
    const profiles: ProbedProfile[] = [];
    for (const profile of this.read(() => parseProfiles(profilesBody))) {
      const answer = await this.call(mediaUrl, requests.getStreamUri(profile.token), credentials, offset);
      let streamUri: string | null = null;
      if (answer.ok) {
        try {
          streamUri = parseStreamUri(answer.body);
        } catch {
          streamUri = null;
        }
      } else if (isAuthFault(answer.fault)) {
        this.body(answer, credentials); // throws the authentication failure
      }
      profiles.push({ ...profile, streamUri });
    }
    return { information, clockOffsetMs, profiles };
  }

  /** WS-Discovery: sends a Probe (twice: UDP may drop one) and collects the matches until the timeout. */
  async discover(target: DiscoveryTarget): Promise<ProbeMatch[]> {
    const messageId = `urn:uuid:${crypto.randomUUID()}`;
    const message = Buffer.from(probeMessage(messageId), 'utf8');
    const found = new Map<string, ProbeMatch>();
    const socket = dgram.createSocket({ type: 'udp4', reuseAddr: true });
    let failure: Error | null = null;
    socket.on('error', (err) => {
      failure = err;
    });
    socket.on('message', (packet) => {
      if (packet.length > 64 * 1024 || found.size >= 256) return;
      for (const match of parseProbeMatches(packet.toString('utf8'), messageId)) if (!found.has(match.endpoint)) found.set(match.endpoint, match);
    });
    const send = () =>
      new Promise<void>((resolve) =>
        socket.send(message, target.port, target.address, (err) => {
          if (err) failure = err;
          resolve();
        }),
      );
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('listening', resolve);
        socket.once('error', reject);
        socket.bind(0);
      });
      if (target.address === wsDiscovery.address) socket.setMulticastTTL(1); // the local network only (WS-Discovery)
      const deadline = Date.now() + target.timeoutMs;
      await send();
      await sleep(Math.min(250, target.timeoutMs / 4));
      await send();
      await sleep(Math.max(0, deadline - Date.now()));
    } catch (err) {
      failure = err as Error;
    } finally {
      socket.close();
    }
    if (failure && found.size === 0) throw new CameraAccessError('discovery_failed');
    return [...found.values()];
  }

  /** The body of a successful answer; a fault becomes the matching CameraAccessError. */
  private body(answer: SoapAnswer, credentials: OnvifCredentials | null) {
    if (answer.ok) return answer.body;
    if (isAuthFault(answer.fault)) throw new CameraAccessError(credentials ? 'rejected' : 'credentials_missing');
    throw new CameraAccessError('onvif_answer');
  }

  private read<T>(parse: () => T): T {
    try {
      return parse();
    } catch (err) {
      if (err instanceof XmlError) throw new CameraAccessError('onvif_answer');
      throw err;
    }
  }

  /** One SOAP request; network failures and answers that are not SOAP become CameraAccessError. */
  private async call(url: string, body: string, credentials: OnvifCredentials | null, offsetMs: number): Promise<SoapAnswer> {
    const token = credentials ? { ...credentials, nonce: crypto.randomBytes(16), created: new Date(Date.now() + offsetMs).toISOString() } : null;
    const response = await this.post(new URL(url), envelope(body, token));
    try {
      return readSoap(response.text);
    } catch {
      // Not SOAP: an HTTP login prompt, a web page, a 404 from something that is not an ONVIF service.
      if (response.status === 401) throw new CameraAccessError(credentials ? 'http_auth' : 'credentials_missing');
      throw new CameraAccessError('not_onvif');
    }
  }

  /**
   * node:http rather than fetch: fetch refuses the "bad ports" of browsers (554, 6000, …) where a
   * camera may well serve; this gives one deadline for the whole exchange and a size limit.
   */
  private post(url: URL, body: string): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outcome();
      };
      const fail = (err: Error & { code?: string }) => settle(() => reject(new CameraAccessError(reasonFromErrno(err.code) ?? 'not_onvif')));
      const request = http.request(
        url,
        { method: 'POST', headers: { 'content-type': 'application/soap+xml; charset=utf-8', 'content-length': Buffer.byteLength(body) } },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size <= this.maxResponseBytes) chunks.push(chunk);
            else {
              settle(() => reject(new CameraAccessError('onvif_answer')));
              request.destroy();
            }
          });
          response.on('end', () => settle(() => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') })));
          response.on('error', fail);
        },
      );
      const timer = setTimeout(() => {
        settle(() => reject(new CameraAccessError('timeout')));
        request.destroy();
      }, this.requestTimeoutMs);
      request.on('error', fail);
      request.end(body);
    });
  }
}

function pathOf(xaddr: string): string | null {
  try {
    const url = new URL(xaddr);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return `${url.pathname}${url.search}`;
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
