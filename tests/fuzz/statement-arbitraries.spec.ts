import fc from 'fast-check';
import { validateStatement } from '@lr/xapi';
import { invalidStatement, RULE_COUNT } from './invalid-statement.arbitrary';
import { validStatement } from './valid-statement.arbitrary';

/**
 * The generators the HTTP fuzz test (tests/e2e/statement-fuzz.e2e-spec.ts) relies on, checked
 * against the validator in process: valid ones always pass and broken ones never do, so a
 * failure over HTTP is the server's, not the generator's.
 */
describe('statement arbitraries', () => {
  const seed = 20_261_123;

  it('generates statements the validator accepts', () => {
    fc.assert(
      fc.property(validStatement, (statement) => {
        expect(validateStatement(statement, '2.0.0')).toBeNull();
      }),
      { seed, numRuns: 1_000 },
    );
  });

  it('breaks exactly what it says: every broken statement is refused, naming a path', () => {
    const rules = new Set<string>();
    fc.assert(
      fc.property(invalidStatement, ({ rule, statement }) => {
        rules.add(rule);
        const failure = validateStatement(statement, '2.0.0');
        expect(failure).not.toBeNull();
        expect(failure!.path).toMatch(/^statement/);
      }),
      { seed, numRuns: 4_000 },
    );
    expect(rules.size).toBe(RULE_COUNT);
  });
});
