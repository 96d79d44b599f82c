import { indexFieldsOf, StatementDocument } from '@lr/xapi';
import { activityUpserts } from './activity-upserts';

const UNIT = 'https://odp.example.gov.uk/units/u1';
const PARENT = 'https://odp.example.gov.uk/qualifications/lm-l3';

function stored(id: string, object: Record<string, unknown>, defines = true): StatementDocument {
  const statement = {
    id,
    actor: { mbox: 'mailto:ann@example.gov.uk' },
    verb: { id: 'http://adlnet.gov/expapi/verbs/progressed' },
    object,
    context: { contextActivities: { parent: [{ id: PARENT }] } },
  };
  return {
    _id: `s:${id}`,
    storeId: 's',
    statementId: id,
    stored: '2026-11-23T12:00:00.000Z',
    statement,
    ...indexFieldsOf(statement),
    voided: false,
    defines,
    partition: 0,
    offset: '0',
  };
}

describe('activityUpserts', () => {
  it('makes one upsert per activity, later statements winning path by path', () => {
    const upserts = activityUpserts([
      stored('a', { id: UNIT, definition: { name: { 'en-GB': 'Unit' }, type: 'http://t/1' } }),
      stored('b', { id: UNIT, definition: { name: { cy: 'Uned' }, type: 'http://t/2' } }),
      stored('c', { id: UNIT, definition: { name: { 'en-GB': 'Unit one' } } }),
    ]);

    expect(upserts).toEqual([
      {
        _id: `s|${UNIT}`,
        storeId: 's',
        activityId: UNIT,
        set: {
          'definition.name.en-GB': 'Unit one',
          'definition.name.cy': 'Uned',
          'definition.type': 'http://t/2',
        },
      },
      { _id: `s|${PARENT}`, storeId: 's', activityId: PARENT, set: {} },
    ]);
  });

  it('lets a statement without the define scope make an activity known but not change it', () => {
    const upserts = activityUpserts([
      stored('a', { id: UNIT, definition: { name: { 'en-GB': 'Unit' } } }),
      stored('b', { id: UNIT, definition: { name: { 'en-GB': 'Renamed' } } }, false),
      stored(
        'c',
        { id: 'https://odp.example.gov.uk/units/u2', definition: { type: 'x:y' } },
        false,
      ),
    ]);

    expect(upserts.map((u) => [u.activityId, u.set])).toEqual([
      [UNIT, { 'definition.name.en-GB': 'Unit' }],
      [PARENT, {}],
      ['https://odp.example.gov.uk/units/u2', {}],
    ]);
  });

  it('keeps stores apart', () => {
    const other = { ...stored('a', { id: UNIT }), _id: 't:a', storeId: 't' };
    const ids = activityUpserts([stored('a', { id: UNIT }), other]).map((u) => u._id);

    expect(ids).toEqual([`s|${UNIT}`, `s|${PARENT}`, `t|${UNIT}`, `t|${PARENT}`]);
  });
});
