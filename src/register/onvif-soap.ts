import crypto from 'node:crypto';
import { find, findAll, parseXml, textAt, XmlError, type XmlElement } from './onvif-xml.js';

/**
 * ONVIF over SOAP 1.2, the pure half: request envelopes (with the WS-Security UsernameToken
 * PasswordDigest that ONVIF Profile S devices accept), and readers for the answers Toezicht uses:
 * GetSystemDateAndTime, GetDeviceInformation, GetCapabilities, GetProfiles, GetStreamUri, SOAP
 * faults and WS-Discovery ProbeMatches. The network half is onvif.repository.ts.
 */

export const ns = {
  soap: 'http://www.w3.org/2003/05/soap-envelope',
  device: 'http://www.onvif.org/ver10/device/wsdl',
  media: 'http://www.onvif.org/ver10/media/wsdl',
  schema: 'http://www.onvif.org/ver10/schema',
  wsse: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd',
  wsu: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd',
  passwordDigest: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest',
  base64: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary',
  addressing: 'http://schemas.xmlsoap.org/ws/2004/08/addressing',
  discovery: 'http://schemas.xmlsoap.org/ws/2005/04/discovery',
  network: 'http://www.onvif.org/ver10/network/wsdl',
} as const;

export interface UsernameToken {
  username: string;
  password: string;
  /** Random bytes, fresh for every request. */
  nonce: Buffer;
  /** The device's idea of now (our clock corrected by its offset), ISO 8601 UTC. */
  created: string;
}

/** PasswordDigest = Base64(SHA-1(nonce + created + password)) (WS-Security UsernameToken Profile 1.0). */
export function passwordDigest(nonce: Buffer, created: string, password: string): string {
  return crypto.createHash('sha1').update(Buffer.concat([nonce, Buffer.from(created, 'utf8'), Buffer.from(password, 'utf8')])).digest('base64');
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!);
}

function securityHeader(token: UsernameToken): string {
  return (
    `<Security s:mustUnderstand="1" xmlns="${ns.wsse}"><UsernameToken>` +
    `<Username>${escapeXml(token.username)}</Username>` +
    `<Password Type="${ns.passwordDigest}">${passwordDigest(token.nonce, token.created, token.password)}</Password>` +
    `<Nonce EncodingType="${ns.base64}">${token.nonce.toString('base64')}</Nonce>` +
    `<Created xmlns="${ns.wsu}">${escapeXml(token.created)}</Created>` +
    `</UsernameToken></Security>`
  );
}

/** A SOAP 1.2 envelope around one request body, signed with the token when one is given. */
export function envelope(body: string, token?: UsernameToken | null): string {
  const header = token ? `<s:Header>${securityHeader(token)}</s:Header>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="${ns.soap}">${header}<s:Body>${body}</s:Body></s:Envelope>`;
}

/** The ONVIF requests Toezicht sends, as SOAP bodies. */
export const requests = {
  getSystemDateAndTime: () => `<GetSystemDateAndTime xmlns="${ns.device}"/>`,
  getDeviceInformation: () => `<GetDeviceInformation xmlns="${ns.device}"/>`,
  getCapabilities: () => `<GetCapabilities xmlns="${ns.device}"><Category>Media</Category></GetCapabilities>`,
  getProfiles: () => `<GetProfiles xmlns="${ns.media}"/>`,
  getStreamUri: (profileToken: string) =>
    `<GetStreamUri xmlns="${ns.media}"><StreamSetup><Stream xmlns="${ns.schema}">RTP-Unicast</Stream>` +
    `<Transport xmlns="${ns.schema}"><Protocol>RTSP</Protocol></Transport></StreamSetup>` +
    `<ProfileToken>${escapeXml(profileToken)}</ProfileToken></GetStreamUri>`,
} as const;

export interface SoapFault {
  /** Local names: e.g. code 'Sender', subcodes ['NotAuthorized']. */
  code: string;
  subcodes: string[];
  reason: string;
}

export type SoapAnswer = { ok: true; body: XmlElement } | { ok: false; fault: SoapFault };

/** Reads a SOAP envelope: its body, or its fault. Throws XmlError when it is not a SOAP envelope. */
export function readSoap(xml: string): SoapAnswer {
  const root = parseXml(xml);
  if (root.name !== 'Envelope') throw new XmlError('not a SOAP envelope');
  const body = root.children.find((child) => child.name === 'Body');
  if (!body) throw new XmlError('SOAP envelope without a body');
  const fault = body.children.find((child) => child.name === 'Fault');
  if (!fault) return { ok: true, body };
  const subcodes: string[] = [];
  let sub = find(fault, 'Code')?.children.find((c) => c.name === 'Subcode');
  while (sub) {
    const value = textAt(sub, 'Value');
    if (value) subcodes.push(afterColon(value));
    sub = sub.children.find((c) => c.name === 'Subcode');
  }
  const code = afterColon(textAt(find(fault, 'Code'), 'Value') ?? textAt(fault, 'faultcode') ?? '');
  const reason = textAt(fault, 'Reason', 'Text') ?? textAt(fault, 'faultstring') ?? '';
  return { ok: false, fault: { code, subcodes, reason: reason.slice(0, 300) } };
}

/** Whether a fault says the credentials were wrong or missing (ter:NotAuthorized, wsse:FailedAuthentication, …). */
export function isAuthFault(fault: SoapFault): boolean {
  const names = [fault.code, ...fault.subcodes].map((n) => n.toLowerCase());
  return names.some((n) => ['notauthorized', 'failedauthentication', 'invalidsecurity', 'invalidsecuritytoken', 'unauthorized'].includes(n)) ||
    /not\s*authori[sz]ed|authenticat|password|user\s*name/i.test(fault.reason);
}

function afterColon(value: string): string {
  const at = value.lastIndexOf(':');
  return at >= 0 ? value.slice(at + 1) : value;
}

function integer(text: string | null): number | null {
  if (text === null || !/^-?\d+$/.test(text)) return null;
  return Number(text);
}

/** The device's UTC clock from GetSystemDateAndTimeResponse, or null when it does not say. */
export function parseSystemDateAndTime(body: XmlElement): Date | null {
  const utc = find(body, 'UTCDateTime');
  if (!utc) return null;
  const [year, month, day] = ['Year', 'Month', 'Day'].map((n) => integer(textAt(utc, 'Date', n)));
  const [hour, minute, second] = ['Hour', 'Minute', 'Second'].map((n) => integer(textAt(utc, 'Time', n)));
  if ([year, month, day, hour, minute, second].some((v) => v === null)) return null;
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!));
  return Number.isNaN(date.getTime()) ? null : date;
}

export interface DeviceInformation {
  manufacturer: string | null;
  model: string | null;
  firmwareVersion: string | null;
  serialNumber: string | null;
  hardwareId: string | null;
}

export function parseDeviceInformation(body: XmlElement): DeviceInformation {
  const response = find(body, 'GetDeviceInformationResponse');
  if (!response) throw new XmlError('no GetDeviceInformationResponse');
  const field = (name: string) => textAt(response, name)?.slice(0, 200) ?? null;
  return {
    manufacturer: field('Manufacturer'), model: field('Model'), firmwareVersion: field('FirmwareVersion'),
    serialNumber: field('SerialNumber'), hardwareId: field('HardwareId'),
  };
}

/** The media service's address from GetCapabilitiesResponse (null: use the device service). */
export function parseMediaXAddr(body: XmlElement): string | null {
  return textAt(find(body, 'Capabilities'), 'Media', 'XAddr');
}

export interface MediaProfile {
  token: string;
  name: string;
  encoding: string | null;
  width: number | null;
  height: number | null;
  frameRate: number | null;
}

export const maxProfiles = 16;

/** The media profiles from GetProfilesResponse, with their video encoder's codec, size and frame rate. */
export function parseProfiles(body: XmlElement): MediaProfile[] {
  const response = find(body, 'GetProfilesResponse');
  if (!response) throw new XmlError('no GetProfilesResponse');
  return findAll(response, 'Profiles')
    .filter((p) => typeof p.attributes.token === 'string' && p.attributes.token !== '')
    .slice(0, maxProfiles)
    .map((p) => {
      const encoder = find(p, 'VideoEncoderConfiguration');
      return {
        token: p.attributes.token!.slice(0, 64),
        name: (textAt(p, 'Name') ?? p.attributes.token!).slice(0, 100),
        encoding: textAt(encoder, 'Encoding')?.slice(0, 20) ?? null,
        width: integer(textAt(encoder, 'Resolution', 'Width')),
        height: integer(textAt(encoder, 'Resolution', 'Height')),
        frameRate: integer(textAt(encoder, 'RateControl', 'FrameRateLimit')),
      };
    });
}

export function parseStreamUri(body: XmlElement): string {
  const uri = textAt(find(body, 'GetStreamUriResponse'), 'MediaUri', 'Uri');
  if (!uri) throw new XmlError('no stream URI');
  return uri;
}

/** A WS-Discovery Probe for ONVIF video transmitters (cameras, encoders). */
export function probeMessage(messageId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<s:Envelope xmlns:s="${ns.soap}" xmlns:a="${ns.addressing}" xmlns:d="${ns.discovery}" xmlns:dn="${ns.network}">` +
    `<s:Header><a:MessageID>${escapeXml(messageId)}</a:MessageID><a:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To>` +
    `<a:Action>${ns.discovery}/Probe</a:Action></s:Header>` +
    `<s:Body><d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe></s:Body></s:Envelope>`
  );
}

export interface ProbeMatch {
  /** The device's stable endpoint reference, e.g. urn:uuid:… */
  endpoint: string;
  /** Its device service addresses (http/https only). */
  xaddrs: string[];
  name: string | null;
  hardware: string | null;
  location: string | null;
}

/**
 * The matches in a ProbeMatches answer to our probe; [] for anything else (another client's
 * probe, an answer to someone else's message, garbage on the port).
 */
export function parseProbeMatches(xml: string, messageId: string): ProbeMatch[] {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch {
    return [];
  }
  if (root.name !== 'Envelope') return [];
  const relatesTo = textAt(find(root, 'Header'), 'RelatesTo');
  if (relatesTo !== null && relatesTo !== messageId) return [];
  return findAll(find(root, 'ProbeMatches'), 'ProbeMatch').flatMap((match) => {
    const endpoint = textAt(match, 'EndpointReference', 'Address');
    const xaddrs = (textAt(match, 'XAddrs') ?? '').split(/\s+/).filter((x) => /^https?:\/\/[^\s]+$/i.test(x) && x.length <= 300).slice(0, 8);
    if (!endpoint || xaddrs.length === 0) return [];
    return [{ endpoint: endpoint.slice(0, 200), xaddrs, ...parseScopes(textAt(match, 'Scopes') ?? '') }];
  });
}

/** name, hardware and location from the onvif://www.onvif.org/… scopes (percent-decoded). */
export function parseScopes(scopes: string): Pick<ProbeMatch, 'name' | 'hardware' | 'location'> {
  const out: Pick<ProbeMatch, 'name' | 'hardware' | 'location'> = { name: null, hardware: null, location: null };
  for (const scope of scopes.split(/\s+/)) {
    const m = /^onvif:\/\/www\.onvif\.org\/(name|hardware|location)\/(.+)$/i.exec(scope);
    if (!m) continue;
    const key = m[1]!.toLowerCase() as 'name' | 'hardware' | 'location';
    if (out[key] !== null) continue;
    let value = m[2]!;
    try {
      value = decodeURIComponent(value);
    } catch {
      // keep it as it came
    }
    out[key] = value.slice(0, 200);
  }
  return out;
}
