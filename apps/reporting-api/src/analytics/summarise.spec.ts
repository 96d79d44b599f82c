import { CounterDocument } from '@lr/learning';
import { monthlySeries, summarise } from './summarise';

const doc = {
  _id: 'x',
  registrations: { '2025-01': 3, '2025-03': 2, total: 5 },
  assessed: { '2025-02': 4, total: 4 },
  passedFirstTime: { '2025-02': 3, total: 3 },
  passedAllAttempted: { '2025-02': 4, total: 4 },
} as CounterDocument;

describe('summarise', () => {
  it('reads totals without a period and sums months within one', () => {
    expect(summarise(doc, {})).toMatchObject({
      registrations: 5,
      firstTimePassRate: 0.75,
      passRate: 1,
    });
    expect(summarise(doc, { from: '2025-02', to: '2025-03' })).toMatchObject({
      registrations: 2,
      assessed: 4,
    });
  });

  it('has no rates when nobody was assessed, and zeros for a missing document', () => {
    expect(summarise(undefined, {})).toMatchObject({
      registrations: 0,
      passRate: null,
      firstTimePassRate: null,
    });
  });

  it('fills month gaps with zeros', () => {
    expect(monthlySeries(doc, 'registrations', {})).toEqual([
      { month: '2025-01', count: 3 },
      { month: '2025-02', count: 0 },
      { month: '2025-03', count: 2 },
    ]);
    expect(monthlySeries(doc, 'registrations', { from: '2024-12', to: '2025-01' })).toEqual([
      { month: '2024-12', count: 0 },
      { month: '2025-01', count: 3 },
    ]);
  });
});
