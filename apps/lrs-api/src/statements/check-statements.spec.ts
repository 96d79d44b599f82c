import { StatementBuilder } from '@lr/testing';
import { VOIDED_VERB } from '@lr/xapi';
import { BadRequestError } from '../common/domain-errors';
import { checkNesting, checkStatements } from './check-statements';

const id1 = 'aaaaaaaa-0000-4000-8000-000000000001';
const id2 = 'aaaaaaaa-0000-4000-8000-000000000002';
const valid = () => StatementBuilder.aStatement().build();
const voiding = (id: string, target: string) =>
  StatementBuilder.aStatement()
    .with({ id, verb: { id: VOIDED_VERB }, object: { objectType: 'StatementRef', id: target } })
    .build();

describe('checkStatements', () => {
  it('names the statement and path of the first invalid property', () => {
    const bad = StatementBuilder.aStatement()
      .with({ context: { registration: 'not-a-uuid' } })
      .build();
    expect(() => checkStatements([valid(), bad], '2.0.0', undefined)).toThrow(
      /^statements\[1\]\.context\.registration/,
    );
  });

  it('refuses an empty batch and repeated ids', () => {
    expect(() => checkStatements([], '2.0.0', undefined)).toThrow(BadRequestError);
    const twice = StatementBuilder.aStatement().with({ id: id1 }).build();
    expect(() => checkStatements([twice, { ...twice }], '2.0.0', undefined)).toThrow(
      'repeats an id',
    );
  });

  it('takes the id of a PUT from the parameter and refuses a different one in the body', () => {
    expect(checkStatements([valid()], '2.0.0', id1.toUpperCase())[0]!.id).toBe(id1);
    expect(() => checkStatements([{ ...valid(), id: id2 }], '2.0.0', id1)).toThrow(
      'differs from the statementId',
    );
    expect(() => checkStatements([valid()], '2.0.0', 'nope')).toThrow('must be a UUID');
  });

  it('refuses voiding a voiding statement of the same batch', () => {
    expect(() =>
      checkStatements(
        [voiding(id1, id2), voiding(id2, 'bbbbbbbb-0000-4000-8000-000000000003')],
        '2.0.0',
        undefined,
      ),
    ).toThrow('cannot be voided');
  });
});

describe('checkNesting', () => {
  const deep = (levels: number) => {
    let value: unknown = 1;
    for (let i = 0; i < levels; i++) value = { v: value };
    return value;
  };

  it('passes statements within the depth and names the first one beyond it', () => {
    expect(() => checkNesting([valid(), deep(4)], 4)).not.toThrow();
    expect(() => checkNesting([valid(), deep(5)], 4)).toThrow(
      /^statements\[1\]: JSON nested more than 4 levels/,
    );
  });
});
