import type { WidgetRole } from '../../src/domain/enums';
import { call } from './api';

/** Who may call an operation, as the route table publishes it (`x-access`). */
export type Access = { kind: 'public' | 'operator' | 'signature' } | { kind: 'store'; roles: WidgetRole[] };

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: JsonSchema;
}

export type JsonSchema = { [key: string]: unknown };

export interface Operation {
  method: string;
  path: string;
  access: Access;
  parameters: Parameter[];
  /** The JSON schema of the request body, when the operation takes one. */
  body: JsonSchema | null;
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, { 'x-access': Access; parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** Every operation of the served document: the tests built on it grow with every route declared. */
export async function operations(): Promise<{ doc: OpenApiDoc; ops: Operation[] }> {
  const doc = (await call('GET', '/openapi.json')).json as OpenApiDoc;
  const ops = Object.entries(doc.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, op]) => ({
      method,
      path,
      access: op['x-access'],
      parameters: op.parameters ?? [],
      body: op.requestBody?.content?.['application/json']?.schema ?? null,
    })),
  );
  return { doc, ops };
}

export const opName = (op: Operation) => `${op.method} ${op.path}`;
export const pathParams = (op: Operation) => [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
/** The resource an id-taking path names: the segment before its first parameter. */
export const resourceOf = (op: Operation) => {
  const segments = op.path.split('/');
  const at = segments.findIndex((s) => s.startsWith('{'));
  return at > 0 ? segments[at - 1]! : null;
};
export const opensTo = (op: Operation, role: WidgetRole) => op.access?.kind === 'store' && op.access.roles.includes(role);
