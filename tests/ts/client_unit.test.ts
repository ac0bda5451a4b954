// The client's middlewares without a server: a fake fetch sees the signed request and answers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { BceApiError, createCcrClient, signRequest, canonicalUri, canonicalQuery } from "ccr-client";

const AK = "ak-unit";
const SK = "sk-unit-secret-never-shown";

function fakeClient(answer: (request: Request) => Response) {
  const seen: Request[] = [];
  const ccr = createCcrClient({
    endpoint: "ccr.example.test:8443",
    accessKey: AK,
    secretKey: SK,
    fetch: async (request: Request) => {
      seen.push(request);
      return answer(request);
    },
  });
  return { ccr, seen };
}

test("every request carries a bce-auth-v1 signature over its final URL", async () => {
  const { ccr, seen } = fakeClient(() => Response.json({ pageNo: 1, pageSize: 10, totalCount: 0, result: [] }));
  await ccr.GET("/v1/ccr/registries", { params: { query: { pageNo: 2, pageSize: 5 } } });
  const request = seen[0]!;
  const url = new URL(request.url);
  assert.equal(url.origin, "https://ccr.example.test:8443", "https:// is assumed");
  const authorization = request.headers.get("authorization")!;
  const date = request.headers.get("x-bce-date")!;
  assert.match(date, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const expected = signRequest({
    method: "GET", path: url.pathname, query: url.search.slice(1), headers: { host: url.host, "x-bce-date": date },
    accessKey: AK, secretKey: SK, timestamp: date,
  });
  assert.equal(authorization, expected.authorization);
  assert.ok(authorization.startsWith(`bce-auth-v1/${AK}/${date}/1800/host;x-bce-date/`));
  assert.ok(!authorization.includes(SK));
});

test("a repository name with '/' is one Base64 segment; a plain one is raw", async () => {
  const { ccr, seen } = fakeClient(() => Response.json({}));
  const base = { instanceId: "ccr-1", projectName: "p" };
  await ccr.GET("/v1/instances/{instanceId}/projects/{projectName}/repositories/{repositoryName}", { params: { path: { ...base, repositoryName: "lib/ubuntu" } } });
  await ccr.GET("/v1/instances/{instanceId}/projects/{projectName}/repositories/{repositoryName}", { params: { path: { ...base, repositoryName: "nginx" } } });
  assert.equal(new URL(seen[0]!.url).pathname, "/v1/instances/ccr-1/projects/p/repositories/bGliL3VidW50dQ");
  assert.equal(new URL(seen[1]!.url).pathname, "/v1/instances/ccr-1/projects/p/repositories/nginx");
});

test("a BCE error body becomes BceApiError with code, message and request id", async () => {
  const { ccr } = fakeClient(() => Response.json({ requestId: "rid-1", code: "NotFound", message: "no such thing" }, { status: 404 }));
  await assert.rejects(ccr.GET("/v1/ccr/registries", {}), (err: unknown) => {
    assert.ok(err instanceof BceApiError);
    assert.deepEqual([err.status, err.code, err.message, err.requestId], [404, "NotFound", "no such thing", "rid-1"]);
    assert.equal(String(err), "404 NotFound: no such thing (requestId rid-1)");
    return true;
  });
});

test("a body that is not a BCE error still gives a usable error, without request secrets", async () => {
  const html = "<html>\n<body>Bad   gateway</body>\n</html>" + "x".repeat(500);
  const { ccr } = fakeClient(() => new Response(html, { status: 502, headers: { "x-bce-request-id": "rid-2" } }));
  await assert.rejects(ccr.GET("/v1/ccr/registries", {}), (err: unknown) => {
    assert.ok(err instanceof BceApiError);
    assert.equal(err.code, "BadGateway", "the reason phrase, as the Python client says it");
    assert.equal(err.requestId, "rid-2");
    assert.ok(err.message.startsWith("<html> <body>Bad gateway</body>"));
    assert.ok(err.message.length <= 200);
    assert.ok(!String(err).includes(SK) && !String(err).includes("bce-auth-v1"));
    return true;
  });
});

test("a status without a reason phrase is HTTP<status>", async () => {
  const { ccr } = fakeClient(() => new Response("", { status: 599 }));
  await assert.rejects(ccr.GET("/v1/ccr/registries", {}), (err: unknown) => {
    assert.ok(err instanceof BceApiError);
    assert.deepEqual([err.status, err.code, err.message, err.requestId], [599, "HTTP599", "HTTP status 599", undefined]);
    return true;
  });
});

test("canonical forms: '+' is literal, bad escapes are data, authorization is dropped", () => {
  assert.equal(canonicalQuery("b=2&a=1+1&Authorization=x&k"), "a=1%2B1&b=2&k=");
  assert.equal(canonicalUri("/v1/a%2fb/%zz/%e9"), "/v1/a%2Fb/%25zz/%E9");
  assert.equal(canonicalUri(""), "/");
});

test("missing credentials or endpoint are refused up front", () => {
  assert.throws(() => createCcrClient({ endpoint: "", accessKey: AK, secretKey: SK }), TypeError);
  assert.throws(() => createCcrClient({ endpoint: "x", accessKey: "", secretKey: SK }), TypeError);
});
