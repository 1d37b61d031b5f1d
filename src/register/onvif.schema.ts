import net from 'node:net';
import { z } from '@hono/zod-openapi';

/** Request and response shapes of ONVIF discovery and probing and of the connection test (zod, for validation and OpenAPI). */

const hostName = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export const cameraHost = z
  .string()
  .trim()
  .min(1, 'required')
  .max(253, 'at most 253 characters')
  .refine((v) => net.isIP(v) !== 0 || hostName.test(v), 'must be a host name or an IP address (no scheme, path or port)');

const port = z.number().int('must be a whole number').min(1, 'must be 1–65535').max(65535, 'must be 1–65535');

export const DiscoverBody = z
  .object({
    address: z
      .string()
      .refine((v) => net.isIPv4(v), 'must be an IPv4 address')
      .optional()
      .openapi({ description: 'Probe this one address instead of the WS-Discovery multicast group (cameras on another network segment)' }),
    port: port.optional().openapi({ description: 'With address: its WS-Discovery port (default 3702)' }),
    timeoutMs: z.number().int().min(500, 'at least 500 ms').max(10_000, 'at most 10 s').optional().openapi({ description: 'How long to wait for answers (default 1500 ms)' }),
  })
  .strict()
  .openapi('OnvifDiscover');

export const ProbeBody = z
  .object({
    host: cameraHost,
    port: port.default(80),
    username: z.string().max(200).optional().openapi({ description: 'Used for the WS-Security digest only: never stored, returned or logged' }),
    password: z.string().max(200).optional().openapi({ description: 'Used for the WS-Security digest only: never stored, returned or logged' }),
  })
  .strict()
  .refine((v) => !v.password || !!v.username, { message: 'a password needs a username', path: ['username'] })
  .openapi('OnvifProbe');

export const DiscoveredDeviceSchema = z
  .object({
    endpoint: z.string(),
    host: z.string(),
    port: z.number(),
    name: z.string().nullable(),
    hardware: z.string().nullable(),
    location: z.string().nullable(),
    xaddrs: z.array(z.string()),
  })
  .openapi('DiscoveredDevice');

export const ProbedProfileSchema = z
  .object({
    token: z.string(),
    name: z.string(),
    encoding: z.string().nullable(),
    width: z.number().nullable(),
    height: z.number().nullable(),
    frameRate: z.number().nullable(),
    streamUrl: z.string().nullable().openapi({ description: 'rtsp:// or rtsps://, without credentials; null when the device gave none usable' }),
  })
  .openapi('OnvifProfile');

export const ProbeResultSchema = z
  .object({
    host: z.string(),
    port: z.number(),
    device: z.object({
      manufacturer: z.string().nullable(),
      model: z.string().nullable(),
      firmwareVersion: z.string().nullable(),
      serialNumber: z.string().nullable(),
      hardwareId: z.string().nullable(),
    }),
    clockOffsetSeconds: z.number().nullable().openapi({ description: 'How far the camera clock is ahead of the server (negative: behind)' }),
    profiles: z.array(ProbedProfileSchema),
  })
  .openapi('OnvifProbeResult');

export const ConnectionTestSchema = z
  .object({
    ok: z.literal(true),
    width: z.number().int(),
    height: z.number().int(),
    codec: z.string().nullable(),
    thumbnail: z.string().openapi({ description: 'data:image/jpeg;base64,… (not stored)' }),
    ms: z.number().int(),
  })
  .openapi('ConnectionTest');
