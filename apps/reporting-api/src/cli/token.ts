import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { signHs256 } from '../auth/jwt-verifier';
import { ROLES } from '../auth/viewer';

const USAGE = `usage: token --role ROLE [--store STORE] [--email EMAIL] [--department CODE] [--hours N]
  Signs a development token with REPORTING_JWT_SECRET. ROLE: ${ROLES.join(', ')}.`;

/** `npm run token`: a development bearer token for the reporting API and the dashboard. */
function main(): void {
  const secret = process.env.REPORTING_JWT_SECRET ?? localSecret();
  if (!secret) throw new Error('REPORTING_JWT_SECRET is not set (and npm start has not made one)');
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      store: { type: 'string', default: 'default' },
      email: { type: 'string' },
      department: { type: 'string' },
      hours: { type: 'string', default: '8' },
    },
  });
  if (!values.role || !(ROLES as readonly string[]).includes(values.role)) throw new Error(USAGE);
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    sub: values.email ?? values.role,
    role: values.role,
    store: values.store,
    exp: now + Number(values.hours) * 3600,
    ...(values.email ? { learner: { mbox: `mailto:${values.email}` } } : {}),
    ...(values.department ? { department: values.department } : {}),
  };
  console.log(signHs256(claims, secret));
}

/** The development secret `npm start` keeps in .local/run, when the environment has none. */
function localSecret(): string | undefined {
  const file = resolve(__dirname, '../../../../../.local/run/reporting-secret.env');
  if (!existsSync(file)) return undefined;
  return /REPORTING_JWT_SECRET=(\S+)/.exec(readFileSync(file, 'utf8'))?.[1];
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
