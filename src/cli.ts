// The `openzoom` command's entry: bin/openzoom.js picks a Node that can run it
// and imports this (src/cli.ts in a clone, dist/cli.js in the package).
import module from 'node:module';

// A warm start of the server is about 40% faster with Node's compile cache.
module.enableCompileCache?.();
const { run } = await import('./control/cli/index.ts');
process.exitCode = await run(process.argv.slice(2));
