import { ConsumedMessage } from '@lr/messaging';

interface Entry {
  readonly keyId: string;
  /** The sealed value's IV and tag: they identify its ciphertext under that key. */
  readonly seal: Buffer;
  readonly plaintext: Buffer;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Plaintexts of sealed records that one consumer group opened, for another group in the same
 * process reading the same records (the projector's statement store and learning groups): each
 * record is then decrypted once, not once per group. AES-GCM opening was 15% of the projector's
 * CPU at batch 100, most of it setting up a decipher per record.
 *
 * Only a reader that holds the record's key gets here (see openRecords), so an erased learner's
 * records stay unreadable to a group that comes to them after the erasure. The first other
 * reader takes an entry; past the bounds the oldest go first.
 */
export class OpenedValues {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(
    private readonly maxEntries = 8_192,
    private readonly maxBytes = 16 * 1024 * 1024,
  ) {}

  /** The plaintext another reader opened for this very record and key, once. */
  take(message: ConsumedMessage, keyId: string, sealed: Buffer): Buffer | undefined {
    const slot = slotOf(message);
    const entry = this.entries.get(slot);
    if (!entry) return undefined;
    this.remove(slot, entry);
    return entry.keyId === keyId && sameSeal(entry.seal, sealed) ? entry.plaintext : undefined;
  }

  keep(message: ConsumedMessage, keyId: string, sealed: Buffer, plaintext: Buffer): void {
    if (this.maxEntries === 0 || plaintext.length > this.maxBytes) return;
    const slot = slotOf(message);
    const previous = this.entries.get(slot);
    if (previous) this.remove(slot, previous);
    this.entries.set(slot, { keyId, seal: sealOf(sealed), plaintext });
    this.bytes += plaintext.length;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.remove(oldest, entry);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private remove(slot: string, entry: Entry): void {
    this.entries.delete(slot);
    this.bytes -= entry.plaintext.length;
  }
}

function slotOf(message: ConsumedMessage): string {
  return `${message.topic}/${message.partition}/${message.offset}`;
}

/** Compared where they lie, without a copy per lookup. */
function sameSeal(seal: Buffer, sealed: Buffer): boolean {
  const tagAt = sealed.length - TAG_BYTES;
  return (
    tagAt >= IV_BYTES &&
    seal.compare(sealed, 0, IV_BYTES, 0, IV_BYTES) === 0 &&
    seal.compare(sealed, tagAt, sealed.length, IV_BYTES, IV_BYTES + TAG_BYTES) === 0
  );
}

/** A copy, so that an entry does not keep the whole fetched batch's buffer alive. */
function sealOf(sealed: Buffer): Buffer {
  return Buffer.concat([sealed.subarray(0, IV_BYTES), sealed.subarray(sealed.length - TAG_BYTES)]);
}

/** The one every openRecords call in a process shares by default. */
export const sharedOpenedValues = new OpenedValues();

/**
 * Keeps nothing: for a process with one group per topic (the accreditation gateway), where no
 * other reader would take a plaintext and the shared one would only hold up to 16 MB of it.
 */
export const unsharedOpenedValues = new OpenedValues(0, 0);
