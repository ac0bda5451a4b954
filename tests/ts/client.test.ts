// Typed calls through the generated TypeScript client against a running reference server
// (CCR_ENDPOINT, started by tests/test_ts_client.py with the demo data and a repository named
// "tools/ubuntu"): every resource group of the spec, signed with bce-auth-v1, errors as BceApiError.
import { test } from "node:test";
import assert from "node:assert/strict";
import { BceApiError, createCcrClient, encodeRepositoryName, type CcrClient } from "ccr-client";

const endpoint = process.env["CCR_ENDPOINT"];
const accessKey = process.env["CCR_AK"] ?? "";
const secretKey = process.env["CCR_SK"] ?? "";
const INSTANCE = "ccr-4a5b6c7d";
const PROJECT = "library";

function client(): CcrClient {
  assert.ok(endpoint, "CCR_ENDPOINT is not set");
  return createCcrClient({ endpoint, accessKey, secretKey });
}

async function rejectsWith(call: Promise<unknown>, status: number, code: string): Promise<BceApiError> {
  try {
    await call;
  } catch (err) {
    assert.ok(err instanceof BceApiError, `expected BceApiError, got ${String(err)}`);
    assert.equal(err.status, status);
    assert.equal(err.code, code);
    assert.ok(err.message.length > 0);
    assert.ok(err.requestId && err.requestId.length > 0, "the error carries the request id");
    return err;
  }
  assert.fail(`expected ${status} ${code}`);
}

test("registries, policies, executions (Personal Edition)", async () => {
  const ccr = client();
  const before = await ccr.GET("/v1/ccr/registries", { params: { query: { pageNo: 1, pageSize: 100 } } });
  assert.equal(before.response.status, 200);
  assert.ok(Array.isArray(before.data?.result));
  const policies = await ccr.GET("/v1/ccr/policies", { params: { query: { pageNo: 1, pageSize: 10 } } });
  assert.ok(Array.isArray(policies.data?.result));
  const policyId = policies.data?.result?.[0]?.id;
  if (policyId !== undefined) {
    const executions = await ccr.GET("/v1/ccr/executions", { params: { query: { policyId, pageNo: 1, pageSize: 10 } } });
    assert.ok(Array.isArray(executions.data?.result));
  }
  await rejectsWith(ccr.DELETE("/v1/ccr/registries/{registryId}", { params: { path: { registryId: 987654 } } }), 404, "NotFound");
});

test("instances: list, get, update", async () => {
  const ccr = client();
  const list = await ccr.GET("/v1/instances", { params: { query: { pageNo: 1, pageSize: 10 } } });
  assert.ok(list.data?.instances?.some((i) => i.id === INSTANCE));
  await ccr.PUT("/v1/instances/{instanceId}", { params: { path: { instanceId: INSTANCE } }, body: { name: "renamed-by-ts" } });
  const got = await ccr.GET("/v1/instances/{instanceId}", { params: { path: { instanceId: INSTANCE } } });
  assert.equal(got.data?.info?.name, "renamed-by-ts");
});

test("namespaces: create, get, update, list, delete; a 4xx is a typed BceApiError", async () => {
  const ccr = client();
  const path = { instanceId: INSTANCE };
  await ccr.POST("/v1/instances/{instanceId}/projects", { params: { path }, body: { projectName: "ts-team", public: "false" } });
  const one = { ...path, projectName: "ts-team" };
  await ccr.PUT("/v1/instances/{instanceId}/projects/{projectName}", { params: { path: one }, body: { public: "true", autoScan: "false" } });
  const got = await ccr.GET("/v1/instances/{instanceId}/projects/{projectName}", { params: { path: one } });
  assert.equal(got.data?.public, "true");
  const list = await ccr.GET("/v1/instances/{instanceId}/projects", { params: { path, query: { pageNo: 1, pageSize: 50 } } });
  assert.ok(list.data?.projects?.some((p) => p.projectName === "ts-team"));
  await ccr.DELETE("/v1/instances/{instanceId}/projects/{projectName}", { params: { path: one } });
  const err = await rejectsWith(ccr.GET("/v1/instances/{instanceId}/projects/{projectName}", { params: { path: one } }), 404, "NotFound");
  assert.match(String(err), /^404 NotFound: .+ \(requestId .+\)$/);
});

test("repositories and images: names with '/' travel as Base64 (ERRATA E39)", async () => {
  const ccr = client();
  assert.equal(encodeRepositoryName("tools/ubuntu"), "dG9vbHMvdWJ1bnR1");
  assert.equal(encodeRepositoryName("ubuntu"), "ubuntu");
  const path = { instanceId: INSTANCE, projectName: PROJECT };
  const list = await ccr.GET("/v1/instances/{instanceId}/projects/{projectName}/repositories", { params: { path, query: { pageNo: 1, pageSize: 50 } } });
  assert.ok(list.data?.items?.some((r) => r.repositoryName === "tools/ubuntu"));
  const slashed = { ...path, repositoryName: "tools/ubuntu" };
  await ccr.PUT("/v1/instances/{instanceId}/projects/{projectName}/repositories/{repositoryName}", { params: { path: slashed }, body: { description: "from TypeScript" } });
  const got = await ccr.GET("/v1/instances/{instanceId}/projects/{projectName}/repositories/{repositoryName}", { params: { path: slashed } });
  assert.equal(got.data?.repositoryName, "tools/ubuntu");
  assert.equal(got.data?.description, "from TypeScript");
  assert.ok(got.response.url.endsWith("/repositories/dG9vbHMvdWJ1bnR1"), got.response.url);
  const tags = await ccr.GET("/v1/instances/{instanceId}/projects/{projectName}/repositories/{repositoryName}/tags", { params: { path: { ...path, repositoryName: "ubuntu" }, query: { pageNo: 1, pageSize: 10 } } });
  assert.ok(tags.data?.items?.some((t) => t.tagName === "latest"));
  const tag = await ccr.GET("/v1/instances/{instanceId}/projects/{projectName}/repositories/{repositoryName}/tags/{tagName}", { params: { path: { ...path, repositoryName: "ubuntu", tagName: "latest" } } });
  assert.equal(tag.data?.tagName, "latest");
  await ccr.DELETE("/v1/instances/{instanceId}/projects/{projectName}/repositories/{repositoryName}", { params: { path: slashed } });
  await rejectsWith(ccr.GET("/v1/instances/{instanceId}/projects/{projectName}/repositories/{repositoryName}", { params: { path: slashed } }), 404, "NotFound");
});

test("reserved characters in path and query are encoded and signed as the server expects", async () => {
  const ccr = client();
  // '+' in a path segment (semver build metadata): the signature is accepted, the version is not there.
  const chart = { instanceId: INSTANCE, projectName: PROJECT, chartName: "nginx" };
  await rejectsWith(
    ccr.DELETE("/v1/instances/{instanceId}/projects/{projectName}/charts/{chartName}/versions/{chartVersion}", { params: { path: { ...chart, chartVersion: "9.9.9+build.1" } } }),
    404,
    "NotFound",
  );
  // The same in a query value ('+' is a literal plus, never a space).
  const none = await ccr.GET("/v1/instances/{instanceId}/projects/{projectName}/repositories", {
    params: { path: { instanceId: INSTANCE, projectName: PROJECT }, query: { repositoryName: "a+b c/d&e=f", pageNo: 1, pageSize: 10 } },
  });
  assert.equal(none.response.status, 200);
  assert.equal(none.data?.items?.length ?? 0, 0);
});

test("charts: list, and a non-JSON answer (the chart archive) as bytes", async () => {
  const ccr = client();
  const path = { instanceId: INSTANCE, projectName: PROJECT };
  const charts = await ccr.GET("/v1/instances/{instanceId}/projects/{projectName}/charts", { params: { path, query: { pageNo: 1, pageSize: 10 } } });
  assert.ok(charts.data?.items?.some((c) => c.name === "nginx"));
  const archive = await ccr.GET("/v1/instances/{instanceId}/projects/{projectName}/charts/download/{filename}", { params: { path: { ...path, filename: "nginx-1.0.0.tgz" } }, parseAs: "arrayBuffer" });
  const bytes = new Uint8Array(archive.data as ArrayBuffer);
  assert.deepEqual([bytes[0], bytes[1]], [0x1f, 0x8b], "a gzip archive");
});

test("triggers: create, get, update, list, delete", async () => {
  const ccr = client();
  const path = { instanceId: INSTANCE };
  const body = {
    name: "ts-trigger",
    description: "made by the TypeScript test",
    eventTypes: ["PUSH_ARTIFACT"],
    filters: [{ type: "project_name", value: PROJECT }],
    targets: [{ address: "https://ci.example.com/hooks/ccr" }],
  } as const;
  const created = await ccr.POST("/v1/instances/{instanceId}/triggers/policies", { params: { path }, body: { ...body, eventTypes: [...body.eventTypes], filters: [...body.filters], targets: [...body.targets] } });
  assert.equal(created.response.status, 200);
  const made = await ccr.GET("/v1/instances/{instanceId}/triggers/policies", { params: { path, query: { pageNo: 1, pageSize: 50 } } });
  const id = made.data?.policies?.find((t) => t.name === "ts-trigger")?.id;
  assert.ok(id !== undefined, "the new trigger is listed");
  const one = { ...path, policyId: id };
  await ccr.PUT("/v1/instances/{instanceId}/triggers/policies/{policyId}", { params: { path: one }, body: { ...body, description: "updated", eventTypes: [...body.eventTypes], filters: [...body.filters], targets: [...body.targets] } });
  const got = await ccr.GET("/v1/instances/{instanceId}/triggers/policies/{policyId}", { params: { path: one } });
  assert.equal(got.data?.description, "updated");
  await ccr.DELETE("/v1/instances/{instanceId}/triggers/policies/{policyId}", { params: { path: one } });
  const list = await ccr.GET("/v1/instances/{instanceId}/triggers/policies", { params: { path, query: { pageNo: 1, pageSize: 50 } } });
  assert.ok(list.data?.policies?.every((t) => t.name !== "ts-trigger"));
});

test("accelerators, credentials, network, migration, synchronization: lists and a robot's life", async () => {
  const ccr = client();
  const path = { instanceId: INSTANCE };
  const accelerators = await ccr.GET("/v1/instances/{instanceId}/accelerators/policies", { params: { path, query: { pageNo: 1, pageSize: 10 } } });
  assert.ok((accelerators.data?.policies?.length ?? 0) >= 1);
  const robot = await ccr.POST("/v1/instances/{instanceId}/robots", {
    params: { path },
    body: { name: "ts-robot", description: "TypeScript", duration: 30, disable: false, permissions: [{ kind: "project", namespace: PROJECT, access: [{ resource: "repository", action: "pull" }] }] },
  });
  assert.ok(robot.data?.id !== undefined);
  const robots = await ccr.GET("/v1/instances/{instanceId}/robots", { params: { path, query: { pageNo: 1, pageSize: 50 } } });
  assert.ok(robots.data?.robots?.some((r) => String(r.name).includes("ts-robot")));
  await ccr.DELETE("/v1/instances/{instanceId}/robots/{robotID}", { params: { path: { ...path, robotID: robot.data?.id ?? -1 } } });
  const vpcs = await ccr.GET("/v1/instances/{instanceId}/privatelinks", { params: { path } });
  assert.equal(vpcs.response.status, 200);
  const publicNet = await ccr.GET("/v1/instances/{instanceId}/publiclinks", { params: { path } });
  assert.equal(publicNet.response.status, 200);
  const rules = await ccr.GET("/v1/instances/{instanceId}/replications", { params: { path, query: { pageNo: 1, pageSize: 10 } } });
  assert.equal(rules.response.status, 200);
  const registries = await ccr.GET("/v1/instances/{instanceId}/registries", { params: { path, query: { pageNo: 1, pageSize: 10 } } });
  assert.equal(registries.response.status, 200);
  const syncs = await ccr.GET("/v1/instances/{instanceId}/syncs", { params: { path, query: { pageNo: 1, pageSize: 10 } } });
  assert.equal(syncs.response.status, 200);
});

test("a wrong secret key is refused with the server's BCE error", async () => {
  assert.ok(endpoint);
  const wrong = createCcrClient({ endpoint, accessKey, secretKey: "not-the-secret" });
  await rejectsWith(wrong.GET("/v1/instances", {}), 403, "IamSignatureInvalid");
});
