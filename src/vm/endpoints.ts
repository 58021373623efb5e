import { UserError } from "../user-error";
/**
 * Where the suite talks to VictoriaMetrics. A single node serves everything under one URL;
 * a cluster splits writes (vminsert), reads (vmselect) and flushes (vmstorage).
 */
export interface VmEndpoints {
  /** Prefix of /api/v1/import... (`http://host:8428` or `.../insert/<tenant>/prometheus`). */
  insert: string;
  /** Prefix of /api/v1/query... (`http://host:8428` or `.../select/<tenant>/prometheus`). */
  select: string;
  /** Prefix of /api/v1/admin/tsdb/delete_series (`.../delete/<tenant>/prometheus` in a cluster). */
  delete: string;
  /** Base URLs whose /internal/force_flush makes fresh data searchable (vmstorage nodes in a cluster). */
  flush: string[];
  /** Base URL whose /health says the server is up (a single node only). */
  health?: string;
}

const trimSlash = (url: string) => url.replace(/\/+$/, "");

export function singleNodeEndpoints(url: string): VmEndpoints {
  const base = trimSlash(url);
  return { insert: base, select: base, delete: base, flush: [base], health: base };
}

export class VmConfigError extends UserError {
  override name = "VmConfigError";
}

/**
 * The server named by the environment, or undefined when the suite should start its own.
 * VM_URL names a single node; VM_INSERT_URL + VM_SELECT_URL (+ VM_FLUSH_URL, the vmstorage
 * nodes, comma-separated) name a cluster.
 */
export function endpointsFromEnv(env: NodeJS.ProcessEnv = process.env): VmEndpoints | undefined {
  const { VM_URL, VM_INSERT_URL, VM_SELECT_URL, VM_FLUSH_URL } = env;
  if (VM_URL && (VM_INSERT_URL || VM_SELECT_URL)) {
    throw new VmConfigError(
      "Set either VM_URL (a single node) or VM_INSERT_URL + VM_SELECT_URL (a cluster), not both.",
    );
  }
  if (VM_URL) return singleNodeEndpoints(VM_URL);
  if (!VM_INSERT_URL && !VM_SELECT_URL) return undefined;
  const insertForm = /\/insert\/[^/]+\/prometheus\/?$/;
  const selectForm = /\/select\/[^/]+\/prometheus\/?$/;
  if (!VM_INSERT_URL || !insertForm.test(VM_INSERT_URL)) {
    throw new VmConfigError(
      `VM_INSERT_URL must be vminsert's http://host:8480/insert/<tenant>/prometheus; got '${VM_INSERT_URL ?? ""}'.`,
    );
  }
  if (!VM_SELECT_URL || !selectForm.test(VM_SELECT_URL)) {
    throw new VmConfigError(
      `VM_SELECT_URL must be vmselect's http://host:8481/select/<tenant>/prometheus; got '${VM_SELECT_URL ?? ""}'.`,
    );
  }
  if (!VM_FLUSH_URL) {
    // Without a flush, fresh data becomes searchable only after a few seconds; the suite never waits.
    throw new VmConfigError(
      "A cluster needs VM_FLUSH_URL: the vmstorage base URLs (http://host:8482, comma-separated), " +
        "whose /internal/force_flush makes ingested data searchable at once.",
    );
  }
  const select = trimSlash(VM_SELECT_URL);
  return {
    insert: trimSlash(VM_INSERT_URL),
    select,
    delete: select.replace(/\/select\/([^/]+)\/prometheus$/, "/delete/$1/prometheus"),
    flush: VM_FLUSH_URL.split(",")
      .map((u) => trimSlash(u.trim()))
      .filter(Boolean),
  };
}
