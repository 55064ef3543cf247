/**
 * A typed consumer of the OKR service, written against `okr-api.d.ts` (generated from
 * ../../openapi.json by `npm run generate`). When a path, parameter or field used here changes
 * in the API, `tsc --strict --noEmit` fails: the compile is the contract test.
 */
import createClient from "openapi-fetch";
import type { components, paths } from "./okr-api";

export type Objective = components["schemas"]["ObjectivePublic"];
export type CheckIn = components["schemas"]["CheckInPublic"];
export type CheckInCreate = components["schemas"]["CheckInCreate"];
export type Problem = components["schemas"]["Problem"];

/** A refusal of the service, carrying its problem document (RFC 9457). */
export class OkrApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
  ) {
    super(problem ? `${problem.code}: ${problem.detail}` : `HTTP ${status}`);
  }
}

export function okrClient(baseUrl: string, token: string) {
  return createClient<paths>({
    baseUrl,
    headers: { Authorization: `Bearer ${token}` },
  });
}

export type OkrClient = ReturnType<typeof okrClient>;

/** Every objective of a cycle visible to the caller, following `next_cursor` page by page. */
export async function listCycleObjectives(
  client: OkrClient,
  cycleId: string,
): Promise<Objective[]> {
  const objectives: Objective[] = [];
  let cursor: string | undefined;
  do {
    const { data, error, response } = await client.GET("/v1/objectives", {
      params: { query: { cycle_id: cycleId, limit: 500, cursor } },
    });
    if (error !== undefined || data === undefined) {
      throw new OkrApiError(response.status, error);
    }
    objectives.push(...data.items);
    cursor = data.next_cursor ?? undefined;
  } while (cursor !== undefined);
  return objectives;
}

/** Push one progress point to a key result; safe to retry with the same `externalId`. */
export async function pushCheckIn(
  client: OkrClient,
  keyResultId: string,
  point: { value: number; observedAt: Date; source: string; externalId: string; note?: string },
): Promise<CheckIn> {
  const body: CheckInCreate = {
    value: point.value,
    observed_at: point.observedAt.toISOString(),
    source: point.source,
    external_id: point.externalId,
    note: point.note ?? null,
  };
  const { data, error, response } = await client.POST("/v1/key-results/{key_result_id}/check-ins", {
    params: {
      path: { key_result_id: keyResultId },
      header: { "Idempotency-Key": `${point.source}:${point.externalId}` },
    },
    body,
  });
  if (error !== undefined || data === undefined) {
    throw new OkrApiError(response.status, error);
  }
  return data;
}

/** The score and grade of each objective of a cycle, for a dashboard. */
export async function cycleScoreboard(
  client: OkrClient,
  cycleId: string,
): Promise<Array<{ title: string; score: number | null; keyResults: number }>> {
  const objectives = await listCycleObjectives(client, cycleId);
  return objectives.map((objective) => ({
    title: objective.title,
    score: objective.score ?? null,
    keyResults: objective.key_results.length,
  }));
}
