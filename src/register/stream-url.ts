import { invalid } from '../platform/errors.js';

export interface StreamCredentials {
  username: string;
  password: string;
}

export interface ParsedStream {
  /** The URL as stored: scheme, host, port, path and query; never user info. */
  url: string;
  /** Credentials found in the URL, if any. */
  credentials: StreamCredentials | null;
  secure: boolean;
}

const maxLength = 2000;

/**
 * Validates an RTSP/RTSPS camera URL and splits off the credentials, which are sealed separately
 * and never stored in the URL. Error messages never repeat the input: it may hold a password.
 */
export function parseStreamUrl(input: string, field = 'streamUrl'): ParsedStream {
  const text = input.trim();
  const bad = (message: string) => invalid('invalid_stream_url', message, field);
  if (text.length === 0 || text.length > maxLength) throw bad(`The camera URL must be 1–${maxLength} characters`);
  if (/[\s\u0000-\u001f\u007f]/.test(text)) throw bad('The camera URL may not contain spaces or control characters');
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (scheme !== 'rtsp' && scheme !== 'rtsps') throw bad('The camera URL must start with rtsp:// or rtsps://');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw bad('The camera URL is not a valid URL');
  }
  if (!url.hostname) throw bad('The camera URL names no host');
  if (url.hash) throw bad('The camera URL may not contain a fragment (#)');
  const port = url.port === '' ? null : Number(url.port);
  if (port !== null && (port < 1 || port > 65535)) throw bad('The camera URL has an invalid port');
  let credentials: StreamCredentials | null = null;
  if (url.username || url.password) {
    try {
      credentials = { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
    } catch {
      throw bad('The credentials in the camera URL are not properly encoded');
    }
    url.username = '';
    url.password = '';
  }
  return { url: url.toString(), credentials, secure: scheme === 'rtsps' };
}

/** The URL the recorder connects to: the stored URL with the credentials put back (never logged). */
export function withCredentials(storedUrl: string, credentials: StreamCredentials | null): string {
  if (!credentials) return storedUrl;
  const url = new URL(storedUrl);
  url.username = encodeURIComponent(credentials.username);
  url.password = encodeURIComponent(credentials.password);
  return url.toString();
}
