/** Path parameters that are repository names: Base64 when they hold `/` (ERRATA E39). */
export declare const BASE64_PATH_PARAMETERS: readonly string[];
/** The spec's first server (the Personal Edition endpoint). */
export declare const DEFAULT_ENDPOINT = "https://ccr.baidubce.com";
