#!/usr/bin/env node
/*
 * Ask Baidu's JavaScript SDK (@baiducloud/sdk, from node_modules) to sign requests, so the
 * Python tests and scripts/make_signing_vectors.py can compare it with ccr_contract.signing.
 *
 * stdin: JSON {"sign": [case...], "normalize": [string...]} where a case is
 *   {ak, sk, method, path, params: {key: value|null}, headers: {name: value},
 *    timestamp: epoch seconds, expiration, headersToSign: [name...] | null}
 * stdout: JSON {"sign": [result...], "normalize": [string...]} where a result holds the SDK's
 *   authorization plus each intermediate value it computed and the query string it would send.
 */
'use strict';

const path = require('path');
const querystring = require('querystring');

const sdkRoot = path.join(__dirname, '..', '..', 'node_modules', '@baiducloud', 'sdk', 'src');
const Auth = require(path.join(sdkRoot, 'auth.js'));
const strings = require(path.join(sdkRoot, 'strings.js'));

function signOne(c) {
    const auth = new Auth(c.ak, c.sk);
    const headersToSign = c.headersToSign || undefined;
    const expiration = c.expiration || 1800;
    const prefix = `bce-auth-v1/${c.ak}/${auth.getTimestamp(c.timestamp)}/${expiration}`;
    const canonical = auth.headersCanonicalization(c.headers, headersToSign);
    return {
        authorization: auth.generateAuthorization(
            c.method, c.path, c.params, c.headers, c.timestamp, expiration, headersToSign),
        authStringPrefix: prefix,
        signingKey: auth.hash(prefix, c.sk),
        canonicalUri: auth.generateCanonicalUri(c.path),
        canonicalQuery: auth.queryStringCanonicalization(c.params),
        canonicalHeaders: canonical[0],
        signedHeaders: canonical[1].join(';'),
        // what the SDK's HTTP client puts after '?' (querystring.stringify)
        wireQuery: querystring.stringify(c.params),
    };
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
    const request = JSON.parse(input || '{}');
    const out = {
        sign: (request.sign || []).map(signOne),
        normalize: (request.normalize || []).map((s) => strings.normalize(s)),
    };
    process.stdout.write(JSON.stringify(out));
});
