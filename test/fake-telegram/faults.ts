// Injected faults: errors (e.g. 429 with retry_after), dropped connections, delays.
import { ApiError, type Fault } from "./types";

export class Faults {
  private queued = new Map<string, Fault[]>();

  add(method: string, fault: Fault, times: number): void {
    const list = this.queued.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(fault);
    this.queued.set(method, list);
  }

  /** The next fault for a call of `method`; "*" faults never hit getUpdates. */
  take(method: string): Fault | undefined {
    for (const key of method === "getUpdates" ? [method] : [method, "*"]) {
      const list = this.queued.get(key);
      if (list?.length) return list.shift();
    }
    return undefined;
  }
}

/** The error an `{ kind: "error" }` fault answers (not a validation rejection). */
export function faultError(fault: Extract<Fault, { kind: "error" }>): ApiError {
  const retry = fault.retry_after ?? (fault.error_code === 429 ? 1 : undefined);
  const parameters = { ...fault.parameters, ...(retry !== undefined ? { retry_after: retry } : {}) };
  const description =
    fault.description ?? (fault.error_code === 429 ? `Too Many Requests: retry after ${retry}` : "Internal Server Error");
  return new ApiError(fault.error_code, description, false, Object.keys(parameters).length ? parameters : undefined);
}
