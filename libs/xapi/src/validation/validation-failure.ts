/**
 * The first rule a statement breaks. Validators build paths bottom-up, only once something has
 * failed, so that a valid statement (the common case on ingest) allocates nothing for paths.
 */
export interface ValidationFailure {
  readonly path: string;
  readonly message: string;
}

const OPEN_BRACKET = 0x5b;

export function failure(message: string): ValidationFailure {
  return { path: '', message };
}

export function keyFailure(key: string, message: string): ValidationFailure {
  return { path: key, message };
}

/** Places a failure found inside the value of `key`. */
export function atKey(key: string, inner: ValidationFailure): ValidationFailure {
  return { path: join(key, inner.path), message: inner.message };
}

/** Places a failure found inside the array element at `index`. */
export function atIndex(index: number, inner: ValidationFailure): ValidationFailure {
  return { path: join(`[${index}]`, inner.path), message: inner.message };
}

/** Places a failure under a key that is data rather than a name (an IRI, a language tag). */
export function atDataKey(key: string, inner: ValidationFailure): ValidationFailure {
  return { path: join(`[${JSON.stringify(key)}]`, inner.path), message: inner.message };
}

function join(head: string, tail: string): string {
  if (tail === '') return head;
  return tail.charCodeAt(0) === OPEN_BRACKET ? head + tail : `${head}.${tail}`;
}

/**
 * The message for a value that failed its check: missing, null (which the spec forbids outside
 * extensions, so it is named outright), or simply not what `kind` describes.
 */
export function mustBe(kind: string, value: unknown): string {
  if (value === undefined) return 'is required';
  return value === null ? 'must not be null' : `must be ${kind}`;
}
