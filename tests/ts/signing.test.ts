// The TypeScript client's bce-auth-v1 signer against every case of spec/signing-vectors/, and
// against Baidu's JS SDK (@baiducloud/sdk, the oracle named in the vectors) on the same inputs.
// Run by tests/test_ts_client.py (CCR_REPO_ROOT names the checkout).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { canonicalUri, normalize, percentDecode, signRequest } from "ccr-client";

const ROOT = process.env["CCR_REPO_ROOT"] ?? process.cwd();
const VECTORS = join(ROOT, "spec", "signing-vectors");
const AK = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const SK = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
const JS_SDK = "@baiducloud/sdk 1.0.7";

interface RawRequest { method: string; target: string; headers: [string, string][] }
interface CaseMeta { timestamp: string; expiration: number; auth_string_prefix: string; agrees: string[] }

function parseRaw(text: string): RawRequest {
  const head = text.split("\n\n")[0]!;
  const [requestLine, ...lines] = head.split("\n");
  const [method, target] = requestLine!.split(" ");
  const headers = lines.map((line): [string, string] => {
    const colon = line.indexOf(":");
    return [line.slice(0, colon), line.slice(colon + 1)];
  });
  return { method: method!, target: target!, headers };
}

const cases = readdirSync(VECTORS).filter((name) => statSync(join(VECTORS, name)).isDirectory()).sort();
const read = (name: string, suffix: string): string => readFileSync(join(VECTORS, name, name + suffix), "utf8");

test("the suite is all there", () => {
  assert.ok(cases.length >= 30, `only ${cases.length} vector cases`);
});

for (const name of cases) {
  test(`vector ${name}`, () => {
    const meta = JSON.parse(read(name, ".json")) as CaseMeta;
    const req = parseRaw(read(name, ".req"));
    const authz = read(name, ".authz");
    const [path, query = ""] = req.target.split(/\?(.*)/s) as [string, string?];
    const signed = signRequest({
      method: req.method,
      path,
      query,
      headers: req.headers,
      accessKey: AK,
      secretKey: SK,
      timestamp: meta.timestamp,
      expiration: meta.expiration,
      signedHeaders: authz.split("/")[4]!.split(";"),
    });
    assert.equal(signed.authStringPrefix, meta.auth_string_prefix);
    assert.equal(signed.canonicalRequest, read(name, ".creq"));
    assert.equal(signed.signingKey, read(name, ".sk"));
    assert.equal(signed.authorization, authz);
  });
}

test("normalized-string vectors", () => {
  const data = JSON.parse(readFileSync(join(VECTORS, "normalized-strings.json"), "utf8")) as {
    vectors: { input: string; normalized: string; note: string }[];
  };
  assert.ok(data.vectors.length >= 10);
  for (const v of data.vectors) assert.equal(normalize(v.input), v.normalized, v.note);
});

// Baidu's JS SDK, from the checkout's node_modules: the same request, decoded as the SDK takes it
// (the path it would send, i.e. the canonical path, and decoded query parameters).
interface SdkAuth {
  generateAuthorization(
    method: string, path: string, params: Record<string, string | null>, headers: Record<string, string>,
    timestamp: number, expiration: number, headersToSign?: string[],
  ): string;
}
const requireFromRoot = createRequire(join(ROOT, "package.json"));
const SdkAuthClass = requireFromRoot("@baiducloud/sdk/src/auth.js") as new (ak: string, sk: string) => SdkAuth;

test("Baidu's JS SDK signs every vector it agrees with exactly as this signer", () => {
  let compared = 0;
  for (const name of cases) {
    const meta = JSON.parse(read(name, ".json")) as CaseMeta;
    if (!meta.agrees.includes(JS_SDK)) continue;
    const req = parseRaw(read(name, ".req"));
    const [path, query = ""] = req.target.split(/\?(.*)/s) as [string, string?];
    const params: Record<string, string | null> = {};
    let duplicate = false;
    for (const part of query.split("&").filter(Boolean)) {
      const eq = part.indexOf("=");
      const key = new TextDecoder().decode(percentDecode(eq < 0 ? part : part.slice(0, eq)));
      if (key in params) duplicate = true;
      params[key] = eq < 0 ? null : new TextDecoder().decode(percentDecode(part.slice(eq + 1)));
    }
    if (duplicate) continue; // an object cannot carry a repeated key to the SDK
    const headers = Object.fromEntries(req.headers);
    const sdk = new SdkAuthClass(AK, SK).generateAuthorization(
      req.method, canonicalUri(path), params, headers, Date.parse(meta.timestamp) / 1000, meta.expiration,
    );
    // The SDK signs every header it deems signable and lists them: sign the same list.
    const ours = signRequest({
      method: req.method, path, query, headers: req.headers, accessKey: AK, secretKey: SK,
      timestamp: meta.timestamp, expiration: meta.expiration, signedHeaders: sdk.split("/")[4]!.split(";"),
    });
    assert.equal(ours.authorization, sdk, `${name}: our signer and the JS SDK disagree`);
    compared++;
  }
  assert.ok(compared >= 20, `only ${compared} vectors compared with the JS SDK`);
});
