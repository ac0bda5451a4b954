import { type Client, type ClientOptions, type Middleware } from "openapi-fetch";
import type { paths } from "./schema.js";
/** Response header carrying the request id (equal to `requestId` in an error body). */
export declare const REQUEST_ID_HEADER = "x-bce-request-id";
export type CcrClient = Client<paths>;
export interface CcrClientOptions extends Omit<ClientOptions, "baseUrl"> {
    /** The service's base URL; `https://` is assumed without a scheme. */
    endpoint: string;
    accessKey: string;
    secretKey: string;
    /** expirationPeriodInSeconds of each signature (default 1800). */
    expiration?: number;
}
/** A BCE error answer ({requestId, code, message}) as an exception. */
export declare class BceApiError extends Error {
    readonly status: number;
    readonly code: string;
    readonly requestId: string | undefined;
    readonly name = "BceApiError";
    constructor(status: number, code: string, message: string, requestId: string | undefined);
    toString(): string;
    /**
     * Build the error from any answer: a BCE body gives code, message and requestId; anything else
     * (HTML, text, a JSON array) falls back to the status's reason phrase as the code (`BadGateway`,
     * as the Python client does; `HTTP<status>` for a status without one), the body on one line and
     * the x-bce-request-id header. Only response data is used: request headers never reach the error.
     */
    static fromAnswer(status: number, headers: Headers, body: string): BceApiError;
}
/** ERRATA E39: a repository name holding `/` as unpadded URL-safe Base64; a plain name as it is. */
export declare function encodeRepositoryName(name: string): string;
/** openapi-fetch's path serializer, with repository names encoded first (E39). */
export declare function ccrPathSerializer(pathname: string, pathParams: Record<string, unknown>): string;
/** Middleware signing each final request (URL, query and headers as sent) with bce-auth-v1. */
export declare function bceAuthMiddleware(accessKey: string, secretKey: string, expiration?: number): Middleware;
/** Middleware throwing BceApiError for every answer with status >= 400. */
export declare const bceErrorMiddleware: Middleware;
/** An openapi-fetch client for the CCR API whose every request is signed and whose errors throw. */
export declare function createCcrClient(options: CcrClientOptions): CcrClient;
