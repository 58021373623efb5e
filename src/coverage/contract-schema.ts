import { buildSchema } from "graphql";
import { TYPE_DEFS } from "../api/schema";
import { schemaSurface } from "./schema-surface";

/** Every field of the contract's schema, as the reference API serves it: what a project of generated or fixture cases accepts as gaps. */
export const CONTRACT_SCHEMA_FIELDS: readonly string[] = schemaSurface(buildSchema(TYPE_DEFS)).fields;
