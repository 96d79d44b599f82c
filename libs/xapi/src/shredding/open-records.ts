import { ConsumedMessage } from '@lr/messaging';
import { learnerKey } from '../learner-key';
import { recordTypeOf, STATEMENT_RECORDED_V1 } from '../statement-recorded.message';
import { isJsonObject } from '../validation/json-value.guard';
import { headerText, KEY_ID_HEADER, openWith, sealedKeyIdOf } from './learner-envelope';
import { LEARNER_ERASED_V1 } from './learner-erased.message';
import { LearnerKeyring } from './learner-keyring';
import { OpenedValues, sharedOpenedValues } from './opened-values';

/**
 * plain: written before records were sealed (or not about a learner); opened: decrypted;
 * shredded: its learner was erased (key destroyed), to be skipped; unreadable: a broken envelope.
 */
export type RecordState = 'plain' | 'opened' | 'shredded' | 'unreadable';

export interface OpenedRecord {
  /** The record with its plaintext value (null when shredded or unreadable). */
  readonly message: ConsumedMessage;
  readonly state: RecordState;
}

export type RecordKeyring = Pick<LearnerKeyring, 'keysById' | 'forget' | 'erasedSince'>;

/** Record types that name their learner in a plain (legacy) value. */
const LEARNER_TYPES = new Set([STATEMENT_RECORDED_V1, 'learning-retraction/v1']);

/**
 * Opens a batch of records with their learners' keys: one key lookup for the batch, none for
 * keys in memory. Erasure records in the batch drop their keys from memory first.
 */
export async function openRecords(
  keyring: RecordKeyring,
  messages: readonly ConsumedMessage[],
  openedElsewhere: OpenedValues = sharedOpenedValues,
): Promise<OpenedRecord[]> {
  for (const message of messages) {
    if (recordTypeOf(message.headers) === LEARNER_ERASED_V1) {
      const keyId = headerText(message.headers[KEY_ID_HEADER]);
      if (keyId) keyring.forget(keyId);
    }
  }
  const keyIds = messages.map(keyIdOrError);
  const keys = await keyring.keysById(keyIds.filter((id): id is string => typeof id === 'string'));
  const opened: OpenedRecord[] = [];
  for (const [index, message] of messages.entries()) {
    const keyId = keyIds[index];
    if (keyId instanceof Error) opened.push(withoutValue(message, 'unreadable'));
    else if (keyId === undefined) {
      const erased = await isErasedLegacy(keyring, message);
      opened.push(erased ? withoutValue(message, 'shredded') : { message, state: 'plain' });
    } else {
      const key = keys.get(keyId);
      opened.push(
        key ? openOne(message, key, keyId, openedElsewhere) : withoutValue(message, 'shredded'),
      );
    }
  }
  return opened;
}

function keyIdOrError(message: ConsumedMessage): string | undefined | Error {
  try {
    return sealedKeyIdOf(message.headers);
  } catch (error) {
    return error as Error;
  }
}

/** Decrypts, unless another group in this process already did for this record and key. */
function openOne(
  message: ConsumedMessage,
  key: Buffer,
  keyId: string,
  openedElsewhere: OpenedValues,
): OpenedRecord {
  const sealed = message.value;
  if (!sealed) return withoutValue(message, 'unreadable');
  const shared = openedElsewhere.take(message, keyId, sealed);
  if (shared) return { message: { ...message, value: shared }, state: 'opened' };
  try {
    const value = openWith(key, keyId, sealed);
    openedElsewhere.keep(message, keyId, sealed, value);
    return { message: { ...message, value }, state: 'opened' };
  } catch {
    return withoutValue(message, 'unreadable');
  }
}

function withoutValue(message: ConsumedMessage, state: RecordState): OpenedRecord {
  return { message: { ...message, value: null }, state };
}

/** A plain record of an erased learner (written before sealing) is skipped like a shredded one. */
async function isErasedLegacy(keyring: RecordKeyring, message: ConsumedMessage): Promise<boolean> {
  const type = recordTypeOf(message.headers) ?? STATEMENT_RECORDED_V1;
  if (!LEARNER_TYPES.has(type) || !message.value) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(message.value.toString('utf8'));
  } catch {
    return false;
  }
  if (!isJsonObject(parsed) || typeof parsed.storeId !== 'string') return false;
  const key =
    typeof parsed.learnerKey === 'string'
      ? parsed.learnerKey
      : isJsonObject(parsed.statement)
        ? learnerKey(parsed.storeId, parsed.statement.actor)
        : undefined;
  const writtenAt = new Date(Number(message.timestamp) || 0).toISOString();
  return key !== undefined && (await keyring.erasedSince(key, writtenAt));
}
