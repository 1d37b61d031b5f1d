#!/usr/bin/env node
import { main } from './cli.js';

main(process.argv.slice(2)).then(
  (code) => {
    // serve/demo resolve only when stopped by a signal; one-shot commands end here.
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`toezicht: ${(err as Error).message}`);
    process.exitCode = 1;
  },
);
