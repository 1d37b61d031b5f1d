import { describe, expect, it } from 'vitest';
import {
  envelope, isAuthFault, parseDeviceInformation, parseMediaXAddr, parseProbeMatches, parseProfiles, parseScopes, parseStreamUri,
  parseSystemDateAndTime, passwordDigest, probeMessage, readSoap, requests, type SoapAnswer,
} from './onvif-soap.js';
import { find, textAt } from './onvif-xml.js';

const env = (body: string, prefix = 'SOAP-ENV') =>
  `<?xml version="1.0" encoding="UTF-8"?><${prefix}:Envelope xmlns:${prefix}="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="d" xmlns:trt="m" xmlns:tt="s">` +
  `<${prefix}:Header/><${prefix}:Body>${body}</${prefix}:Body></${prefix}:Envelope>`;

function body(answer: SoapAnswer) {
  if (!answer.ok) throw new Error('expected a body');
  return answer.body;
}

describe('WS-Security UsernameToken', () => {
  it('computes the PasswordDigest of the ONVIF Core specification example', () => {
    // ONVIF Core Specification, 5.12.2.1: nonce, created and password → this digest.
    expect(passwordDigest(Buffer.from('LKqI6G/AikKCQrN0zqZFlg==', 'base64'), '2010-09-16T07:50:45Z', 'userpassword')).toBe('tuOSpGlFlIXsozq4HFNeeGeFLEI=');
  });

  it('puts only the digest in the envelope, never the password, and escapes the username', () => {
    const xml = envelope(requests.getDeviceInformation(), { username: 'a<b>&"c', password: 'Pw-Secret-1', nonce: Buffer.alloc(16, 7), created: '2026-03-02T09:00:00.000Z' });
    expect(xml).not.toContain('Pw-Secret-1');
    expect(xml).toContain('<Username>a&lt;b&gt;&amp;&quot;c</Username>');
    expect(xml).toContain(`>${passwordDigest(Buffer.alloc(16, 7), '2026-03-02T09:00:00.000Z', 'Pw-Secret-1')}</Password>`);
    expect(xml).toContain('#PasswordDigest');
    const parsed = readSoap(xml);
    expect(parsed.ok && find(parsed.body, 'GetDeviceInformation')).toBeTruthy();
  });

  it('sends no header without credentials', () => {
    expect(envelope(requests.getSystemDateAndTime())).not.toContain('Header');
  });

  it('escapes a profile token in GetStreamUri', () => {
    expect(requests.getStreamUri('a&b')).toContain('<ProfileToken>a&amp;b</ProfileToken>');
  });
});

describe('readSoap', () => {
  it.each([
    ['SOAP 1.2 ONVIF NotAuthorized', env('<SOAP-ENV:Fault><SOAP-ENV:Code><SOAP-ENV:Value>SOAP-ENV:Sender</SOAP-ENV:Value><SOAP-ENV:Subcode><SOAP-ENV:Value>ter:NotAuthorized</SOAP-ENV:Value></SOAP-ENV:Subcode></SOAP-ENV:Code><SOAP-ENV:Reason><SOAP-ENV:Text xml:lang="en">Sender not Authorized</SOAP-ENV:Text></SOAP-ENV:Reason></SOAP-ENV:Fault>'), { code: 'Sender', subcodes: ['NotAuthorized'], reason: 'Sender not Authorized' }, true],
    ['WS-Security FailedAuthentication, nested subcodes', env('<e:Fault xmlns:e="x"><e:Code><e:Value>e:Sender</e:Value><e:Subcode><e:Value>wsse:InvalidSecurity</e:Value><e:Subcode><e:Value>wsse:FailedAuthentication</e:Value></e:Subcode></e:Subcode></e:Code><e:Reason><e:Text>The security token could not be authenticated</e:Text></e:Reason></e:Fault>'), { code: 'Sender', subcodes: ['InvalidSecurity', 'FailedAuthentication'], reason: 'The security token could not be authenticated' }, true],
    ['SOAP 1.1 style fault', env('<SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</faultcode><faultstring>Not Authorized</faultstring></SOAP-ENV:Fault>'), { code: 'Client', subcodes: [], reason: 'Not Authorized' }, true],
    ['action not supported', env('<SOAP-ENV:Fault><SOAP-ENV:Code><SOAP-ENV:Value>env:Receiver</SOAP-ENV:Value><SOAP-ENV:Subcode><SOAP-ENV:Value>ter:ActionNotSupported</SOAP-ENV:Value></SOAP-ENV:Subcode></SOAP-ENV:Code><SOAP-ENV:Reason><SOAP-ENV:Text>Optional Action Not Implemented</SOAP-ENV:Text></SOAP-ENV:Reason></SOAP-ENV:Fault>'), { code: 'Receiver', subcodes: ['ActionNotSupported'], reason: 'Optional Action Not Implemented' }, false],
  ])('reads a fault: %s', (_name, xml, fault, auth) => {
    const answer = readSoap(xml);
    expect(answer).toEqual({ ok: false, fault });
    expect(isAuthFault(fault)).toBe(auth);
  });

  it.each([
    ['an HTML page', '<html><body>Login</body></html>'],
    ['an envelope without a body', '<s:Envelope xmlns:s="x"><s:Header/></s:Envelope>'],
    ['not XML', 'HTTP/1.1 401'],
  ])('refuses %s', (_name, xml) => {
    expect(() => readSoap(xml)).toThrow();
  });
});

describe('ONVIF answers', () => {
  it.each([
    ['a normal clock', '<tt:Time><tt:Hour>9</tt:Hour><tt:Minute>5</tt:Minute><tt:Second>7</tt:Second></tt:Time><tt:Date><tt:Year>2026</tt:Year><tt:Month>3</tt:Month><tt:Day>2</tt:Day></tt:Date>', '2026-03-02T09:05:07.000Z'],
    ['date before time', '<tt:Date><tt:Year>2025</tt:Year><tt:Month>12</tt:Month><tt:Day>31</tt:Day></tt:Date><tt:Time><tt:Hour>23</tt:Hour><tt:Minute>59</tt:Minute><tt:Second>59</tt:Second></tt:Time>', '2025-12-31T23:59:59.000Z'],
    ['a missing field', '<tt:Time><tt:Hour>9</tt:Hour></tt:Time><tt:Date><tt:Year>2026</tt:Year><tt:Month>3</tt:Month><tt:Day>2</tt:Day></tt:Date>', null],
    ['not a number', '<tt:Time><tt:Hour>x</tt:Hour><tt:Minute>5</tt:Minute><tt:Second>7</tt:Second></tt:Time><tt:Date><tt:Year>2026</tt:Year><tt:Month>3</tt:Month><tt:Day>2</tt:Day></tt:Date>', null],
  ])('GetSystemDateAndTime: %s', (_name, utc, expected) => {
    const xml = env(`<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>Manual</tt:DateTimeType><tt:UTCDateTime>${utc}</tt:UTCDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>`);
    expect(parseSystemDateAndTime(body(readSoap(xml)))?.toISOString() ?? null).toBe(expected);
  });

  it('GetDeviceInformation: every field, absent ones null', () => {
    const xml = env('<tds:GetDeviceInformationResponse><tds:Manufacturer>HIKVISION</tds:Manufacturer><tds:Model>DS-2CD2143G2-I</tds:Model><tds:FirmwareVersion>V5.7.3 build 220112</tds:FirmwareVersion><tds:SerialNumber>DS-2CD2143G2-I20220101AAWRG12345678</tds:SerialNumber></tds:GetDeviceInformationResponse>');
    expect(parseDeviceInformation(body(readSoap(xml)))).toEqual({
      manufacturer: 'HIKVISION', model: 'DS-2CD2143G2-I', firmwareVersion: 'V5.7.3 build 220112', serialNumber: 'DS-2CD2143G2-I20220101AAWRG12345678', hardwareId: null,
    });
    expect(() => parseDeviceInformation(body(readSoap(env('<tds:Other/>'))))).toThrow();
  });

  it.each([
    ['present', '<tds:GetCapabilitiesResponse><tds:Capabilities><tt:Device><tt:XAddr>http://10.0.0.5/onvif/device_service</tt:XAddr></tt:Device><tt:Media><tt:XAddr>http://10.0.0.5/onvif/Media</tt:XAddr></tt:Media></tds:Capabilities></tds:GetCapabilitiesResponse>', 'http://10.0.0.5/onvif/Media'],
    ['absent', '<tds:GetCapabilitiesResponse><tds:Capabilities><tt:Device><tt:XAddr>http://10.0.0.5/onvif/device_service</tt:XAddr></tt:Device></tds:Capabilities></tds:GetCapabilitiesResponse>', null],
  ])('GetCapabilities: media address %s', (_name, xml, expected) => {
    expect(parseMediaXAddr(body(readSoap(env(xml))))).toBe(expected);
  });

  it('GetProfiles: token, name, codec, size and frame rate per profile; profiles without a token are skipped', () => {
    const xml = env(
      '<trt:GetProfilesResponse>' +
        '<trt:Profiles fixed="true" token="Profile_1"><tt:Name>mainStream</tt:Name><tt:VideoEncoderConfiguration token="VideoEncoderToken_1"><tt:Name>VideoEncoder_1</tt:Name><tt:Encoding>H264</tt:Encoding><tt:Resolution><tt:Width>2560</tt:Width><tt:Height>1440</tt:Height></tt:Resolution><tt:RateControl><tt:FrameRateLimit>25</tt:FrameRateLimit></tt:RateControl></tt:VideoEncoderConfiguration></trt:Profiles>' +
        '<trt:Profiles token="Profile_2"><tt:Name>subStream</tt:Name></trt:Profiles>' +
        '<trt:Profiles><tt:Name>broken</tt:Name></trt:Profiles>' +
        '</trt:GetProfilesResponse>',
    );
    expect(parseProfiles(body(readSoap(xml)))).toEqual([
      { token: 'Profile_1', name: 'mainStream', encoding: 'H264', width: 2560, height: 1440, frameRate: 25 },
      { token: 'Profile_2', name: 'subStream', encoding: null, width: null, height: null, frameRate: null },
    ]);
  });

  it('GetStreamUri: the URI (entities decoded); none is an error', () => {
    const xml = env('<trt:GetStreamUriResponse><trt:MediaUri><tt:Uri>rtsp://10.0.0.5:554/Streaming/Channels/101?transportmode=unicast&amp;profile=Profile_1</tt:Uri><tt:Timeout>PT0S</tt:Timeout></trt:MediaUri></trt:GetStreamUriResponse>');
    expect(parseStreamUri(body(readSoap(xml)))).toBe('rtsp://10.0.0.5:554/Streaming/Channels/101?transportmode=unicast&profile=Profile_1');
    expect(() => parseStreamUri(body(readSoap(env('<trt:GetStreamUriResponse><trt:MediaUri/></trt:GetStreamUriResponse>'))))).toThrow();
  });
});

describe('WS-Discovery', () => {
  const id = 'urn:uuid:1111-2222';
  const match = (relatesTo: string | null, xaddrs = 'http://192.168.1.64/onvif/device_service http://[fe80::1]/onvif/device_service', endpoint = 'urn:uuid:cam-1') =>
    `<s:Envelope xmlns:s="x" xmlns:a="y" xmlns:d="z"><s:Header>${relatesTo === null ? '' : `<a:RelatesTo>${relatesTo}</a:RelatesTo>`}</s:Header><s:Body><d:ProbeMatches><d:ProbeMatch>` +
    `<a:EndpointReference><a:Address>${endpoint}</a:Address></a:EndpointReference><d:Types>dn:NetworkVideoTransmitter</d:Types>` +
    `<d:Scopes>onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/name/AXIS%20P3245 onvif://www.onvif.org/hardware/P3245-LV onvif://www.onvif.org/location/Hal%20B</d:Scopes>` +
    `<d:XAddrs>${xaddrs}</d:XAddrs></d:ProbeMatch></d:ProbeMatches></s:Body></s:Envelope>`;

  it('the probe asks for video transmitters with our message id', () => {
    const xml = probeMessage(id);
    const parsed = readSoap(xml);
    expect(parsed.ok).toBe(true);
    expect(textAt(parsed.ok ? parsed.body : undefined, 'Probe', 'Types')).toBe('dn:NetworkVideoTransmitter');
    expect(xml).toContain(`<a:MessageID>${id}</a:MessageID>`);
  });

  it.each([
    ['an answer to our probe', match(id), [{ endpoint: 'urn:uuid:cam-1', xaddrs: ['http://192.168.1.64/onvif/device_service', 'http://[fe80::1]/onvif/device_service'], name: 'AXIS P3245', hardware: 'P3245-LV', location: 'Hal B' }]],
    ['an answer without RelatesTo', match(null), [expect.objectContaining({ endpoint: 'urn:uuid:cam-1' })]],
    ['an answer to someone else\u2019s probe', match('urn:uuid:other'), []],
    ['a match without an http address', match(id, 'soap.udp://x:3702'), []],
    ['a match without an endpoint', match(id, 'http://x/onvif', ''), []],
    ['garbage', 'not xml at all', []],
    ['a DOCTYPE', `<!DOCTYPE x [<!ENTITY a "b">]>${match(id)}`, []],
  ])('reads %s', (_name, xml, expected) => {
    expect(parseProbeMatches(xml, id)).toEqual(expected);
  });

  it.each([
    ['', { name: null, hardware: null, location: null }],
    ['onvif://www.onvif.org/name/Cam%20%E2%82%AC onvif://www.onvif.org/name/second', { name: 'Cam €', hardware: null, location: null }],
    ['onvif://www.onvif.org/hardware/bad%E0%A4%A onvif://www.onvif.org/location/country/nl', { name: null, hardware: 'bad%E0%A4%A', location: 'country/nl' }],
  ])('scopes %j', (scopes, expected) => {
    expect(parseScopes(scopes)).toEqual(expected);
  });
});
