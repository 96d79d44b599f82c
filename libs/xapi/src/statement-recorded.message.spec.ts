import { PoisonMessageError } from '@lr/messaging';
import {
  decodeStatementRecorded,
  encodeStatementRecorded,
  STATEMENT_RECORDED_V1,
} from './statement-recorded.message';

describe('statement-recorded message', () => {
  const message = {
    type: STATEMENT_RECORDED_V1,
    storeId: 's',
    statement: { id: '6fbd600f-d17c-4c74-801a-2ec2e53231c7', stored: '2026-01-01T00:00:00.000Z' },
  } as const;

  it('round-trips', () => {
    expect(decodeStatementRecorded(encodeStatementRecorded(message))).toEqual(message);
  });

  it.each([
    ['null', null],
    ['not JSON', Buffer.from('{oops')],
    ['unknown type', Buffer.from(JSON.stringify({ ...message, type: 'other/v9' }))],
    ['no store', Buffer.from(JSON.stringify({ ...message, storeId: undefined }))],
    ['no statement id', Buffer.from(JSON.stringify({ ...message, statement: { stored: 'x' } }))],
  ])('treats %s as poison', (_name, value) => {
    expect(() => decodeStatementRecorded(value)).toThrow(PoisonMessageError);
  });
});
