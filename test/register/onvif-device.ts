import crypto from 'node:crypto';
import dgram from 'node:dgram';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * TEST DOUBLE — an ONVIF camera's control plane, standing in for camera hardware that cannot run
 * on a test machine. It is NOT a camera implementation and ships nowhere.
 *
 * - HTTP: a SOAP 1.2 responder at /onvif/device_service (and a separate media path, as many
 *   cameras have) answering GetSystemDateAndTime (without credentials, as ONVIF requires),
 *   GetDeviceInformation, GetCapabilities, GetProfiles and GetStreamUri. Every other call needs a
 *   WS-Security UsernameToken whose PasswordDigest it checks the way a camera does:
 *   Base64(SHA-1(nonce + created + password)), `Created` within five minutes of *its* clock
 *   (which can be set to run off), and no nonce used twice. A wrong digest is a SOAP fault
 *   env:Sender/ter:NotAuthorized with HTTP 400, as common firmware answers.
 * - UDP: a WS-Discovery responder on 127.0.0.1 (multicast is not usable on test machines) that
 *   answers a Probe for NetworkVideoTransmitter with a ProbeMatch naming its device service.
 *
 * Written with regular expressions and string templates, independent of src/register/onvif-*.ts,
 * so that it checks the client rather than agreeing with it. Its answers use the namespace
 * prefixes real devices use (SOAP-ENV, tds, trt, tt, ter). The stream URIs it reports point at
 * whatever the test gives (the real GStreamer RTSP server), so probe → connection test runs end
 * to end.
 */
export interface OnvifDeviceOptions {
  username: string;
  password: string;
  manufacturer?: string;
  model?: string;
  serialNumber?: string;
  profiles: { token: string; name: string; streamUri: string; width: number; height: number; encoding?: string; fps?: number }[];
  /** How far the device's clock runs ahead of the real time (ms; negative: behind). */
  clockSkewMs?: number;
  /** The host the device believes it has (a camera behind NAT reports its internal address in XAddrs). */
  reportedHost?: string;
  /** Insist on HTTP authentication instead of WS-Security, as some firmware does (answers 401). */
  httpAuthOnly?: boolean;
}

export interface SeenRequest {
  operation: string;
  path: string;
  authenticated: boolean;
  raw: string;
}

export class OnvifDevice {
  readonly requests: SeenRequest[] = [];
  readonly probesSeen: string[] = [];
  private readonly nonces = new Set<string>();
  private constructor(
    private readonly options: OnvifDeviceOptions,
    private readonly server: http.Server,
    private readonly udp: dgram.Socket,
  ) {}

  static async start(options: OnvifDeviceOptions): Promise<OnvifDevice> {
    const server = http.createServer();
    const udp = dgram.createSocket('udp4');
    const device = new OnvifDevice(options, server, udp);
    server.on('request', (req, res) => device.handle(req, res));
    udp.on('message', (message, remote) => device.answerProbe(message.toString('utf8'), remote));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
    return device;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get discoveryPort(): number {
    return this.udp.address().port;
  }

  endpoint = `urn:uuid:${crypto.randomUUID()}`;

  async stop(): Promise<void> {
    this.udp.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private now(): Date {
    return new Date(Date.now() + (this.options.clockSkewMs ?? 0));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const operation = /<(?:[\w-]+:)?Body[^>]*>\s*<(?:[\w-]+:)?(\w+)/.exec(raw)?.[1] ?? '';
      const path = req.url ?? '';
      if (req.method !== 'POST' || (path !== '/onvif/device_service' && path !== '/onvif/media_service')) {
        res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Not found</body></html>');
        return;
      }
      const authenticated = this.checkDigest(raw);
      this.requests.push({ operation, path, authenticated, raw });
      if (this.options.httpAuthOnly) {
        res.writeHead(401, { 'www-authenticate': 'Digest realm="camera", nonce="abc", qop="auth"', 'content-type': 'text/html' }).end('<html>401</html>');
        return;
      }
      if (operation !== 'GetSystemDateAndTime' && !authenticated) {
        this.send(res, 400, fault('env:Sender', 'ter:NotAuthorized', 'Sender not Authorized'));
        return;
      }
      const answer = this.answer(operation, raw);
      if (answer === null) this.send(res, 400, fault('env:Receiver', 'ter:ActionNotSupported', 'Optional Action Not Implemented'));
      else this.send(res, 200, answer);
    });
  }

  private checkDigest(raw: string): boolean {
    const pick = (tag: string) => new RegExp(`<(?:[\\w-]+:)?${tag}\\b[^>]*>([^<]*)</(?:[\\w-]+:)?${tag}>`).exec(raw)?.[1];
    const username = pick('Username');
    const digest = pick('Password');
    const nonce = pick('Nonce');
    const created = pick('Created');
    if (!username || !digest || !nonce || !created) return false;
    if (unescape(username) !== this.options.username) return false;
    const expected = crypto
      .createHash('sha1')
      .update(Buffer.concat([Buffer.from(nonce, 'base64'), Buffer.from(created), Buffer.from(this.options.password)]))
      .digest('base64');
    if (expected !== digest) return false;
    if (Math.abs(new Date(created).getTime() - this.now().getTime()) > 5 * 60_000) return false;
    if (this.nonces.has(nonce)) return false; // a replayed token
    this.nonces.add(nonce);
    return true;
  }

  private answer(operation: string, raw: string): string | null {
    const o = this.options;
    const host = `${o.reportedHost ?? '127.0.0.1'}:${this.port}`;
    const now = this.now();
    switch (operation) {
      case 'GetSystemDateAndTime':
        return (
          `<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType><tt:DaylightSavings>false</tt:DaylightSavings>` +
          `<tt:TimeZone><tt:TZ>CET-1CEST,M3.5.0,M10.5.0/3</tt:TZ></tt:TimeZone><tt:UTCDateTime>` +
          `<tt:Time><tt:Hour>${now.getUTCHours()}</tt:Hour><tt:Minute>${now.getUTCMinutes()}</tt:Minute><tt:Second>${now.getUTCSeconds()}</tt:Second></tt:Time>` +
          `<tt:Date><tt:Year>${now.getUTCFullYear()}</tt:Year><tt:Month>${now.getUTCMonth() + 1}</tt:Month><tt:Day>${now.getUTCDate()}</tt:Day></tt:Date>` +
          `</tt:UTCDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>`
        );
      case 'GetDeviceInformation':
        return (
          `<tds:GetDeviceInformationResponse><tds:Manufacturer>${o.manufacturer ?? 'Simulated &amp; Co'}</tds:Manufacturer>` +
          `<tds:Model>${o.model ?? 'SIM-2000'}</tds:Model><tds:FirmwareVersion>V5.7.3 build 240101</tds:FirmwareVersion>` +
          `<tds:SerialNumber>${o.serialNumber ?? 'SIM0001'}</tds:SerialNumber><tds:HardwareId>88</tds:HardwareId></tds:GetDeviceInformationResponse>`
        );
      case 'GetCapabilities':
        return (
          `<tds:GetCapabilitiesResponse><tds:Capabilities><tt:Media><tt:XAddr>http://${host}/onvif/media_service</tt:XAddr>` +
          `<tt:StreamingCapabilities><tt:RTPMulticast>false</tt:RTPMulticast><tt:RTP_TCP>true</tt:RTP_TCP><tt:RTP_RTSP_TCP>true</tt:RTP_RTSP_TCP></tt:StreamingCapabilities>` +
          `</tt:Media></tds:Capabilities></tds:GetCapabilitiesResponse>`
        );
      case 'GetProfiles':
        return (
          `<trt:GetProfilesResponse>` +
          o.profiles
            .map(
              (p) =>
                `<trt:Profiles fixed="true" token="${p.token}"><tt:Name>${p.name}</tt:Name>` +
                `<tt:VideoSourceConfiguration token="VideoSourceToken"><tt:Name>VideoSourceConfig</tt:Name><tt:SourceToken>VideoSource_1</tt:SourceToken>` +
                `<tt:Bounds x="0" y="0" width="${p.width}" height="${p.height}"/></tt:VideoSourceConfiguration>` +
                `<tt:VideoEncoderConfiguration token="enc_${p.token}"><tt:Name>enc</tt:Name><tt:Encoding>${p.encoding ?? 'H264'}</tt:Encoding>` +
                `<tt:Resolution><tt:Width>${p.width}</tt:Width><tt:Height>${p.height}</tt:Height></tt:Resolution><tt:Quality>4</tt:Quality>` +
                `<tt:RateControl><tt:FrameRateLimit>${p.fps ?? 25}</tt:FrameRateLimit><tt:EncodingInterval>1</tt:EncodingInterval><tt:BitrateLimit>4096</tt:BitrateLimit></tt:RateControl>` +
                `</tt:VideoEncoderConfiguration></trt:Profiles>`,
            )
            .join('') +
          `</trt:GetProfilesResponse>`
        );
      case 'GetStreamUri': {
        const token = /<(?:[\w-]+:)?ProfileToken>([^<]*)</.exec(raw)?.[1];
        const profile = o.profiles.find((p) => p.token === token);
        if (!profile) return null;
        return (
          `<trt:GetStreamUriResponse><trt:MediaUri><tt:Uri>${escape(profile.streamUri)}</tt:Uri><tt:InvalidAfterConnect>false</tt:InvalidAfterConnect>` +
          `<tt:InvalidAfterReboot>false</tt:InvalidAfterReboot><tt:Timeout>PT0S</tt:Timeout></trt:MediaUri></trt:GetStreamUriResponse>`
        );
      }
      default:
        return null;
    }
  }

  private send(res: http.ServerResponse, status: number, body: string): void {
    res.writeHead(status, { 'content-type': 'application/soap+xml; charset=utf-8' }).end(soap(body));
  }

  private answerProbe(text: string, remote: dgram.RemoteInfo): void {
    const messageId = /<(?:[\w-]+:)?MessageID>([^<]*)</.exec(text)?.[1];
    if (!messageId || !/<(?:[\w-]+:)?Probe\b/.test(text)) return;
    this.probesSeen.push(messageId);
    const answer =
      `<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" ` +
      `xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:dn="http://www.onvif.org/ver10/network/wsdl">` +
      `<SOAP-ENV:Header><wsa:MessageID>urn:uuid:${crypto.randomUUID()}</wsa:MessageID><wsa:RelatesTo>${messageId}</wsa:RelatesTo>` +
      `<wsa:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</wsa:To><wsa:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</wsa:Action></SOAP-ENV:Header>` +
      `<SOAP-ENV:Body><d:ProbeMatches><d:ProbeMatch><wsa:EndpointReference><wsa:Address>${this.endpoint}</wsa:Address></wsa:EndpointReference>` +
      `<d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>` +
      `<d:Scopes>onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/Profile/Streaming onvif://www.onvif.org/name/${encodeURIComponent(this.options.model ?? 'SIM-2000')} ` +
      `onvif://www.onvif.org/hardware/${encodeURIComponent(this.options.model ?? 'SIM-2000')} onvif://www.onvif.org/location/Entree%20hal</d:Scopes>` +
      `<d:XAddrs>http://127.0.0.1:${this.port}/onvif/device_service</d:XAddrs><d:MetadataVersion>10</d:MetadataVersion></d:ProbeMatch></d:ProbeMatches></SOAP-ENV:Body></SOAP-ENV:Envelope>`;
    this.udp.send(Buffer.from(answer), remote.port, remote.address);
  }
}

function soap(body: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" ` +
    `xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:trt="http://www.onvif.org/ver10/media/wsdl" xmlns:tt="http://www.onvif.org/ver10/schema" ` +
    `xmlns:ter="http://www.onvif.org/ver10/error" xmlns:env="http://www.w3.org/2003/05/soap-envelope">\n<SOAP-ENV:Header></SOAP-ENV:Header>\n<SOAP-ENV:Body>${body}</SOAP-ENV:Body>\n</SOAP-ENV:Envelope>\n`
  );
}

function fault(code: string, subcode: string, reason: string): string {
  return (
    `<SOAP-ENV:Fault><SOAP-ENV:Code><SOAP-ENV:Value>${code}</SOAP-ENV:Value><SOAP-ENV:Subcode><SOAP-ENV:Value>${subcode}</SOAP-ENV:Value></SOAP-ENV:Subcode></SOAP-ENV:Code>` +
    `<SOAP-ENV:Reason><SOAP-ENV:Text xml:lang="en">${reason}</SOAP-ENV:Text></SOAP-ENV:Reason></SOAP-ENV:Fault>`
  );
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
