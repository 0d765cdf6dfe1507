import { type Actor, ROLE_PERMISSIONS } from '../../domain/access';
import type { AppDeps } from '../deps';
import type { AnyModule, WorkbenchCard } from '../module';
import type { TWorkbench } from './workbench.schema';

type Audience = WorkbenchCard['needs'];

export function mayLoad(actor: Actor, needs: Audience): boolean {
  if (needs === 'signed-in') return true;
  if (needs === 'self') return actor.memberId !== null;
  return actor.grants.some((g) => ROLE_PERMISSIONS[g.role].includes(needs));
}

// The desk's picture first, then the member's own items, then what every user has.
const ORDER: Record<'desk' | 'self' | 'signed-in', number> = { desk: 0, self: 1, 'signed-in': 2 };
const rank = (needs: Audience) => ORDER[needs === 'self' || needs === 'signed-in' ? needs : 'desk'];

/**
 * The 工作台: every module's cards the actor may see, each loaded through its module's services. A card that
 * fails is logged and shown as failed; the others still load.
 */
export class WorkbenchService {
  private readonly cards: { card: WorkbenchCard; order: number }[];

  constructor(
    private readonly deps: AppDeps,
    modules: readonly AnyModule[],
    services: object,
  ) {
    this.cards = modules
      .flatMap((module) => module.cards?.(services) ?? [])
      .map((card, order) => ({ card, order }))
      .sort((a, b) => rank(a.card.needs) - rank(b.card.needs) || a.order - b.order);
  }

  async load(actor: Actor, log: (error: unknown, cardId: string) => void): Promise<TWorkbench> {
    const today = this.deps.clock.today();
    const loaded = await Promise.all(
      this.cards
        .filter(({ card }) => mayLoad(actor, card.needs))
        .map(async ({ card }) => {
          const base = { id: card.id, title: card.title };
          try {
            const data = await card.load(actor, today);
            return data === null ? null : { ...base, failed: false, data };
          } catch (error) {
            log(error, card.id);
            return { ...base, failed: true, data: null };
          }
        }),
    );
    return { today, cards: loaded.filter((c) => c !== null) };
  }
}
