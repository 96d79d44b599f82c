import {
  ErasedLearners,
  ERASED_AGENT,
  indexFieldsOf,
  learnerRef,
  StatementDocument,
} from '@lr/xapi';
import { withoutErased } from './without-erased';

const ann = { mbox: 'mailto:ann@example.gov.uk' };
const bob = { mbox: 'mailto:bob@example.gov.uk' };
const erased = new ErasedLearners(
  new Map([[learnerRef('s|Agent|mbox:mailto:ann@example.gov.uk'), '2026-03-01T00:00:00.000Z']]),
);

function doc(statement: Record<string, unknown>, stored: string): StatementDocument {
  const full = {
    id: 'x',
    stored,
    verb: { id: 'http://adlnet.gov/expapi/verbs/attended' },
    ...statement,
  };
  return {
    _id: 's:x',
    storeId: 's',
    statementId: 'x',
    stored,
    statement: full,
    ...indexFieldsOf(full),
    voided: false,
    defines: true,
    partition: 0,
    offset: '0',
  };
}

describe('withoutErased', () => {
  const activity = { objectType: 'Activity', id: 'https://odp.example.gov.uk/w' };

  it('drops a statement of a learner erased since it was stored', () => {
    expect(
      withoutErased(doc({ actor: ann, object: activity }, '2026-02-01T00:00:00.000Z'), erased),
    ).toBeUndefined();
  });

  it('redacts an erased learner from a statement of someone else', () => {
    const kept = withoutErased(
      doc(
        { actor: bob, object: activity, context: { instructor: ann } },
        '2026-02-01T00:00:00.000Z',
      ),
      erased,
    )!;
    expect((kept.statement.context as { instructor: unknown }).instructor).toEqual(ERASED_AGENT);
    expect(kept.relatedAgents).toEqual(['Agent|mbox:mailto:bob@example.gov.uk']);
  });

  it('keeps what was stored after the erasure: a learner who came back', () => {
    const later = doc({ actor: ann, object: activity }, '2026-04-01T00:00:00.000Z');
    expect(withoutErased(later, erased)).toBe(later);
  });
});
