// The main journeys through the TypeScript client generated from the
// contract (gen/openapi/ts/seoul.d.ts for openapi-fetch): read and search
// information, post on a board, file and track a complaint, read points.
// TestGeneratedTypeScriptClientJourneys compiles it with tsc (so a call the
// contract does not allow fails to compile), runs it with node against a
// proxy that checks every exchange against the contract, and reads the
// JSON it prints last.
import createClient from "openapi-fetch";
import assert from "node:assert/strict";
import type { paths } from "./seoul.js";

const baseUrl = required("SEOUL_BASE_URL");
const anon = createClient<paths>({ baseUrl });
const citizen = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${required("SEOUL_TOKEN")}` } });

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
}

function ok<T>(r: { data?: T; error?: unknown; response: Response }, what: string): T {
  assert.equal(r.response.status, 200, `${what}: ${r.response.status} ${JSON.stringify(r.error)}`);
  assert.ok(r.data, what);
  return r.data;
}

async function readAndSearch(): Promise<string> {
  const deps = ok(await anon.GET("/v1/departments"), "list departments");
  assert.ok((deps.departments ?? []).length > 0, "departments listed");
  const found = ok(await anon.GET("/v1/items:search", { params: { query: { query: "따릉이" } } }), "search");
  const hit = (found.items ?? [])[0];
  assert.ok(hit?.id, "a search hit");
  assert.match(hit.text?.title ?? "", /따릉이/);
  const item = ok(await anon.GET("/v1/items/{item_id}", { params: { path: { item_id: hit.id }, query: { language: "ko" } } }), "get item");
  assert.equal(item.text?.title, hit.text?.title);
  return hit.id;
}

async function postOnABoard(): Promise<string> {
  const boards = ok(await anon.GET("/v1/boards"), "list boards");
  const board = boards.boards?.[0]?.id;
  assert.ok(board, "a board");
  const created = ok(await citizen.POST("/v1/boards/{board_id}/posts", {
    params: { path: { board_id: board } },
    body: { title: "버스 정류장 의자", body: "마포구청역 버스 정류장에 의자를 놓아 주세요.", request_id: "contract-ts-post" },
  }), "create post");
  const id = created.id;
  assert.ok(id, "post id");
  const read = ok(await anon.GET("/v1/posts/{post_id}", { params: { path: { post_id: id } } }), "get post");
  assert.equal(read.title, "버스 정류장 의자");
  return id;
}

async function fileAndTrackAComplaint(): Promise<string> {
  const types = ok(await anon.GET("/v1/complaint-types"), "complaint types");
  const kind = types.complaint_types?.[0]?.code;
  assert.ok(kind, "a complaint type");
  const filed = ok(await citizen.POST("/v1/complaints", {
    body: { request_id: "contract-ts-complaint", complaint_type: kind, title: "불법 주정차",
      body: "학교 앞 횡단보도에 매일 차가 서 있습니다.", contact: { name: "타입시민", email: "ts.citizen@example.kr" } },
  }), "submit complaint");
  const id = filed.complaint?.id;
  assert.ok(id, "complaint id");
  assert.match(filed.complaint?.receipt_number ?? "", /^SMG-\d{4}-\d+$/);
  const got = ok(await citizen.GET("/v1/complaints/{complaint_id}", { params: { path: { complaint_id: id } } }), "get complaint");
  assert.equal(got.receipt_number, filed.complaint?.receipt_number);
  const mine = ok(await citizen.GET("/v1/complaints"), "my complaints");
  assert.ok((mine.complaints ?? []).some((c) => c.id === id), "listed among my complaints");
  return filed.complaint?.receipt_number ?? "";
}

async function readPoints(want: number): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const acc = ok(await citizen.GET("/v1/mileage/accounts/{subject_id}", { params: { path: { subject_id: "me" } } }), "account");
    const balance = Number(acc.balance);
    if (balance >= want) return balance;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ${want} points credited`);
}

async function refusals(): Promise<void> {
  const unsigned = await anon.GET("/v1/complaints");
  assert.equal(unsigned.response.status, 401);
  assert.equal(unsigned.error?.status, "UNAUTHENTICATED");
  const bad = await citizen.POST("/v1/complaints", { body: { complaint_type: "" } });
  assert.equal(bad.response.status, 400);
  assert.ok((bad.error?.field_violations ?? []).some((v) => v.field === "complaint_type"), JSON.stringify(bad.error));
}

const itemId = await readAndSearch();
const postId = await postOnABoard();
const receipt = await fileAndTrackAComplaint();
const balance = await readPoints(100);
await refusals();
console.log(JSON.stringify({ item_id: itemId, post_id: postId, receipt_number: receipt, balance }));
