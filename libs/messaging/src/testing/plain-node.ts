import { execFileSync } from 'node:child_process';

/**
 * Runs a script in a plain Node process, as the apps run: Jest keeps its own module registry, in
 * which a cached module cannot be dropped, so swapping kafkajs internals can only be seen outside
 * it. TypeScript files load through swc; `kafkajs('src/...')` resolves one of kafkajs's files as
 * the apps would. Answers what the script wrote to stdout, parsed as JSON.
 */
export function runInPlainNode(script: string, from: string): unknown {
  const prelude = `
    const { transformSync } = require('@swc/core');
    const options = { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } };
    require.extensions['.ts'] = (m, file) => m._compile(transformSync(require('node:fs').readFileSync(file, 'utf8'), options).code, file);
    const kafkajs = (path) => require.resolve('kafkajs/' + path, { paths: [${JSON.stringify(from)}] });
  `;
  const out = execFileSync(process.execPath, ['-e', prelude + script], {
    encoding: 'utf8',
    cwd: from,
  });
  return JSON.parse(out);
}
