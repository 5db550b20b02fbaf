// What every endpoint handler receives, and what it answers.
import type { Org } from '../model';
import type { Principal, SandboxStore } from '../store';
import type { Body } from './params';

export interface SandboxEvents {
  studentCreated(orgId: string, payload: unknown): void;
  courseCompleted(orgId: string, payload: unknown): void;
}

export interface RequestContext {
  store: SandboxStore;
  org: Org;
  principal: Principal;
  /** Path parameters, in the order the route names them. */
  params: string[];
  query: URLSearchParams;
  body: Body;
  now(): Date;
  random(): number;
  newId(): string;
  events: SandboxEvents;
}

export interface Reply {
  status: number;
  body: unknown;
}

export const ok = (body: unknown): Reply => ({ status: 200, body });
export const created = (body: unknown): Reply => ({ status: 201, body });

export type Handler = (ctx: RequestContext) => Reply;

export function param(ctx: RequestContext, index = 0): string {
  return ctx.params[index] ?? '';
}

export function isoNow(ctx: RequestContext): string {
  return ctx.now().toISOString();
}
