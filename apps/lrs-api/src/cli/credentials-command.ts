import { SCOPES, Scope } from '../credentials/credential';

export type CredentialsCommand =
  | {
      readonly kind: 'create';
      readonly name: string;
      readonly storeId: string;
      readonly scopes: Scope[];
      readonly key?: string;
    }
  | { readonly kind: 'list'; readonly storeId?: string }
  | { readonly kind: 'revoke'; readonly key: string };

export const USAGE = `usage:
  credentials create --name NAME [--store STORE] [--scopes s1,s2] [--key KEY]
  credentials list [--store STORE]
  credentials revoke KEY
scopes: ${SCOPES.join(', ')} (default statements/write,statements/read/mine)`;

/** Parses the command line; throws with the usage on anything it does not understand. Pure. */
export function parseCredentialsCommand(argv: readonly string[]): CredentialsCommand {
  const [verb, ...rest] = argv;
  const options = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg.startsWith('--')) options.set(arg.slice(2), rest[++i] ?? '');
    else positional.push(arg);
  }
  if (verb === 'create') {
    const name = options.get('name');
    if (!name) throw new Error(`create needs --name\n${USAGE}`);
    return {
      kind: 'create',
      name,
      storeId: options.get('store') ?? 'default',
      scopes: parseScopes(options.get('scopes') ?? 'statements/write,statements/read/mine'),
      key: options.get('key'),
    };
  }
  if (verb === 'list') return { kind: 'list', storeId: options.get('store') };
  if (verb === 'revoke' && positional[0]) return { kind: 'revoke', key: positional[0] };
  throw new Error(USAGE);
}

function parseScopes(raw: string): Scope[] {
  const scopes = raw.split(',').map((s) => s.trim());
  const unknown = scopes.find((s) => !(SCOPES as readonly string[]).includes(s));
  if (unknown) throw new Error(`unknown scope ${unknown}\n${USAGE}`);
  return scopes as Scope[];
}
