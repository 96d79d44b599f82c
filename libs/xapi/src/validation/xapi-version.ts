/** The statement data models this LRS accepts: xAPI 1.0.3 and IEEE 9274.1.1 (xAPI 2.0). */
export type XapiVersion = '1.0.3' | '2.0.0';
