import { z } from 'zod';

/** How a figure or an item stands: fine, coming due, or late. The web colours them and nothing else. */
export const ZCardStatus = z.enum(['ok', 'due', 'overdue']);

/** A link inside the app, as the web router takes it ('/dues/dashboard?org=3'). */
const ZAppLink = z.string().startsWith('/');

export const ZCardFigure = z.object({
  label: z.string(),
  value: z.union([z.number(), z.string()]),
  unit: z.string().optional(),
  status: ZCardStatus.optional(),
});

export const ZCardItem = z.object({
  text: z.string(),
  hint: z.string().optional(),
  status: ZCardStatus.optional(),
  link: ZAppLink,
});

/**
 * What a module's card shows, the same shape for every card so the web draws them all with one component:
 * a few figures, a short list of what needs doing, and the way into the module's own page.
 */
export const ZCardData = z.object({
  /** The org the figures are about (absent on a member's own cards): it must lie in the actor's scope. */
  org: z.object({ id: z.number().int(), name: z.string() }).optional(),
  figures: z.array(ZCardFigure),
  items: z.array(ZCardItem),
  /** Shown when there are no items. */
  empty: z.string().optional(),
  link: z.object({ label: z.string(), to: ZAppLink }),
});

export const ZWorkbenchCard = z.object({
  id: z.string(),
  title: z.string(),
  /** The card could not be computed: the page still shows the others. */
  failed: z.boolean(),
  data: ZCardData.nullable(),
});

export const ZWorkbench = z.object({ today: z.string(), cards: z.array(ZWorkbenchCard) });

export type TCardStatus = z.infer<typeof ZCardStatus>;
export type TCardData = z.infer<typeof ZCardData>;
export type TCardItem = z.infer<typeof ZCardItem>;
export type TWorkbench = z.infer<typeof ZWorkbench>;
