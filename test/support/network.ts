/**
 * Tests send traffic only to this machine's loopback: ONVIF discovery without an address goes to
 * 127.0.0.1 (where nothing answers unless a test's device double listens) instead of the
 * WS-Discovery multicast group.
 */
export const testOnvifDiscovery = '127.0.0.1:3702';
