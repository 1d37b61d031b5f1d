/**
 * Writes docs/protocols.md from the shipped protocol profiles and the rule map.
 * Run: npx tsx scripts/gen-protocol-docs.ts
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { protocolsDocPath, renderProtocolsDoc } from '../src/protocol/protocols-doc.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(join(root, protocolsDocPath), renderProtocolsDoc());
console.log(`wrote ${protocolsDocPath}`);
