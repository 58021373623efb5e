// The public surface case modules import. Everything else under src/ is internal.
export type { VmEndpoints } from "./vm/endpoints";
