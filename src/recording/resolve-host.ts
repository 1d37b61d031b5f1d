import dns from 'node:dns/promises';
import net from 'node:net';

/**
 * The static ffmpeg of @ffmpeg-installer crashes (SIGSEGV) on any host-name lookup, so camera URLs
 * reach it with the address looked up here. A name that does not resolve (within 5 s) is left as it
 * is: ffmpeg then fails, and the camera shows as offline with that error, without blocking others.
 */
export async function withResolvedHost(source: string, lookup: (host: string) => Promise<{ address: string }> = (h) => dns.lookup(h)): Promise<string> {
  if (!/^rtsps?:\/\//i.test(source)) return source;
  const url = new URL(source);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host)) return source;
  try {
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 5_000).unref());
    const { address } = await Promise.race([lookup(host), timeout]);
    url.hostname = net.isIPv6(address) ? `[${address}]` : address;
    return url.toString();
  } catch {
    return source;
  }
}
