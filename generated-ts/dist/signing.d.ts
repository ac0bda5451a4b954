export declare const AUTH_VERSION = "bce-auth-v1";
export declare const DEFAULT_EXPIRATION = 1800;
/** Headers the client signs on every request (the server requires `host`). */
export declare const DEFAULT_SIGNED_HEADERS: readonly string[];
/** The seed's normalized string of a text (its UTF-8 bytes). */
export declare function normalize(value: string): string;
/**
 * Percent-decode wire text to bytes. `%XX` becomes the byte; a `%` not followed by two hex digits
 * is kept as a literal `%`; other characters are taken as UTF-8 (raw UTF-8 on the wire). `+` is a
 * literal plus (RFC 3986), never a space.
 */
export declare function percentDecode(text: string): Uint8Array;
/**
 * Canonical URI of a wire path: each `/`-separated segment decoded and normalized, so `%e9`,
 * `%E9` and raw UTF-8 agree; `/`, `//` and a trailing `/` are kept; `%2F` is data and stays.
 */
export declare function canonicalUri(wirePath: string): string;
/**
 * Canonical query: `normalize(key)=normalize(value)` for every pair (duplicates kept, a bare key
 * is `key=`), an `authorization` parameter of any case left out, sorted as whole strings.
 */
export declare function canonicalQuery(rawQuery: string): string;
/**
 * Canonical headers: `normalize(lower(name)):normalize(trim(value))` for the signed headers whose
 * trimmed value is not empty, sorted.
 */
export declare function canonicalHeaders(headers: Iterable<[string, string]>, signed: Iterable<string>): string;
/** `YYYY-MM-DDThh:mm:ssZ` in UTC (no fraction). */
export declare function formatTimestamp(moment: Date): string;
export declare function hmacSha256Hex(key: string, message: string): string;
export interface SignInput {
    method: string;
    /** Path as sent on the wire (percent-encoded), without the query. */
    path: string;
    /** Raw query string as sent, without `?` (may be empty). */
    query?: string;
    /** Request headers; must include `host` (and `x-bce-date` when it is signed). */
    headers: Iterable<[string, string]> | Record<string, string>;
    accessKey: string;
    secretKey: string;
    /** `YYYY-MM-DDThh:mm:ssZ`; the current time when absent. */
    timestamp?: string;
    expiration?: number;
    /** Header names to sign; DEFAULT_SIGNED_HEADERS when absent. */
    signedHeaders?: readonly string[];
}
export interface Signature {
    authorization: string;
    authStringPrefix: string;
    signingKey: string;
    canonicalRequest: string;
    signature: string;
    signedHeaders: string[];
}
/** Sign one request; every intermediate value is returned for tests and debugging. */
export declare function signRequest(input: SignInput): Signature;
