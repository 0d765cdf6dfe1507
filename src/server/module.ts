import { is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import type { BenchSection } from '../../bench/lib/context';
import type { Actor, Permission } from '../domain/access';
import type { IsoDate } from '../domain/calendar';
import type { Executor } from './db/database';
import type { OrgChanges } from './db/org-paths';
import type { AppDeps } from './deps';
import type { IdCardCipher } from './features/members/id-card.crypto';
import type { Api } from './http/api';
import type { DailyTask } from './jobs/daily-jobs';
import type { GeneratedOrg } from './seed/generator';
import type { TCardData } from './workbench/workbench.schema';

/**
 * The module contract: everything a capability brings to the app, in one object exported from its folder's
 * index.ts. The platform (app.ts, the schema index, org moves, the job runner, the demo seed, the bench) reads
 * these objects from the list in modules.ts and names no module itself. See docs/architecture.md.
 */

/** Rewrites what a module derives over subtrees after an org moved (the path columns are already rewritten). */
export type SubtreeMoveHandler = (db: Executor, oldPrefix: string, newPrefix: string) => Promise<void>;

/** Refreshes what a module derives from an org's facts (type, founding, dissolution, posts, children). */
export type OrgFactsHandler = (db: Executor, tenantId: number, orgIds: readonly number[]) => Promise<void>;

/** What the platform hands to every services factory besides the deps. */
export interface Platform {
  /** Org moves and fact changes, fanned out to every module's org-scoped tables and handlers. */
  orgChanges: OrgChanges;
}

/** What a module's demo step gets: the generated tree, and the people the demo accounts log in as. */
export interface DemoSeedContext {
  tree: GeneratedOrg[];
  today: IsoDate;
  seed: number;
  cipher: IdCardCipher;
  platform: Platform;
  /** The demo accounts' members: a module's demo gives them a story, and the roster history leaves them be. */
  accounts: {
    /** 书记 of the first branch (login shuji) and of a branch in another unit (shuji2). */
    secretaryMemberId: number;
    otherSecretaryMemberId: number;
    /** An ordinary member of the first branch (login dangyuan). */
    member: { memberId: number; name: string; orgPath: string; tenantId: number };
  };
}

/** An inbox item kind the module delivers (its daily tasks raise them). */
export interface ReminderKind {
  kind: string;
  label: string;
}

/** A section of the org's work ledger (台账) the module contributes. */
export interface LedgerSection {
  id: string;
  title: string;
}

/**
 * A card on a user's 工作台: data, not a component, so the web draws every module's cards alike. `load`
 * computes it through the module's own services, which authorize and scope as for any other request.
 */
export interface WorkbenchCard {
  id: string;
  title: string;
  /** Shown to users holding this permission; 'self' to users with a roster record; or everyone signed in. */
  needs: Permission | 'self' | 'signed-in';
  /** null: nothing to show for this actor (the card is left out). */
  load: (actor: Actor, today: IsoDate) => Promise<TCardData | null>;
}

/** A figure the module can report per org and period, for indicators and star grading. */
export interface IndicatorSource {
  id: string;
  title: string;
  unit: string;
}

/**
 * One module. `Needs` are the services of modules listed before it that it uses; `Provides` the services it
 * adds, under the names tests and later modules use (`services.dues`).
 */
export interface ServerModule<Needs extends object = object, Provides extends object = object> {
  name: string;
  /** The module's table file(s) as imported (`import * as tables from './x.table'`): every pgTable in them. */
  tables: Readonly<Record<string, unknown>>;
  /**
   * Tables whose org_path records where something was at the time (append-only history), so an org move
   * leaves it. Every other table with an org_path column follows moves, with no list to keep.
   */
  historicalOrgPaths?: readonly PgTable[];
  /** The permissions (src/domain/access.ts) this module checks. */
  permissions?: readonly Permission[];
  // A property, not a method: parameters then check contravariantly, so a module that needs a service no
  // earlier module provides does not compile in modules.ts.
  services: (deps: AppDeps, earlier: Needs, platform: Platform) => Provides;
  routes?: (api: Api, services: Needs & Provides, deps: AppDeps) => void;
  dailyTasks?: (deps: AppDeps, services: Needs & Provides) => readonly DailyTask[];
  /** Aggregates over subtrees that must follow an org move, in the moving transaction. */
  onSubtreeMove?: readonly SubtreeMoveHandler[];
  /** Data derived from org facts, refreshed in the transaction that changed them. */
  onOrgFactsChanged?: readonly OrgFactsHandler[];
  /** The module's part of the demo installation, run after the platform's tree, roster and accounts. */
  demoSeed?: (db: Executor, context: DemoSeedContext) => Promise<void>;
  /** The module's benchmark sections, loaded only by `npm run bench`. */
  bench?: () => Promise<readonly BenchSection[]>;
  /** The module's 工作台 cards, in the order they are shown (src/server/workbench). */
  cards?: (services: Needs & Provides) => readonly WorkbenchCard[];
  // Slots for mechanisms the platform is growing; typed now so modules fill them as they arrive.
  reminders?: readonly ReminderKind[];
  ledgerSections?: readonly LedgerSection[];
  indicators?: readonly IndicatorSource[];
}

// biome-ignore lint/suspicious/noExplicitAny: any module, whatever its services; the list checks them.
export type AnyModule = ServerModule<any, any>;

/** Declares a module; the types of its services are inferred from the factory. */
export function defineModule<Needs extends object = object, Provides extends object = object>(
  module: ServerModule<Needs, Provides>,
): ServerModule<Needs, Provides> {
  return module;
}

/** The Drizzle tables a module declares. */
export function tablesOf(module: Pick<AnyModule, 'tables'>): PgTable[] {
  return Object.values(module.tables).filter((value): value is PgTable => is(value, PgTable));
}

/**
 * The ordered module list, built one `.add()` at a time so each module's needs are checked against the
 * services of those before it, and the app's Services type is the union of what they provide.
 */
export class ModuleList<Provided extends object = object> {
  private constructor(readonly modules: readonly AnyModule[]) {}

  static empty(): ModuleList {
    return new ModuleList([]);
  }

  add<Provides extends object>(module: ServerModule<Provided, Provides>): ModuleList<Provided & Provides> {
    return new ModuleList<Provided & Provides>([...this.modules, module]);
  }
}

/** The services a module list provides together. */
export type ServicesOf<List> = List extends ModuleList<infer Provided> ? Provided : never;
