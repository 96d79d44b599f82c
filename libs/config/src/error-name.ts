import { STATUS_CODES } from 'node:http';

/**
 * The `error` field of an error body for a status: its reason phrase without spaces
 * (`PayloadTooLarge`), so framework class names such as HttpException never reach clients.
 */
export function errorNameFor(status: number): string {
  return (STATUS_CODES[status] ?? 'Error').replace(/[^A-Za-z]/g, '');
}
