import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from 'react';
import type { Permission } from '../../domain/access';

/**
 * The web side of the module contract: the pages a module adds and its menu entries. The router and the app
 * shell read them from src/web/modules.ts and name no feature. The server still decides every request; what
 * is declared here only hides what would be refused.
 */

/** Who may open a page: a permission, 'self' for users with a roster record of their own, or any signed-in user. */
export type PageAccess = Permission | 'self' | 'signed-in';

export interface WebRoute {
  /** Relative to the app root, without the leading slash, as React Router takes it ('meetings/:id'). */
  path: string;
  page: LazyExoticComponent<ComponentType>;
  access: PageAccess;
  /** A print view: rendered without the app shell, since it is what goes on paper. */
  print?: true;
}

/** Menu groups, shown in this order: desk work, administration, the user's own items, their record. */
export const MENU_SECTIONS = ['work', 'admin', 'mine', 'record'] as const;
export type MenuSection = (typeof MENU_SECTIONS)[number];

export interface MenuEntry {
  path: string;
  label: string;
  icon: ReactNode;
  /** Shown when the user holds this permission; 'self' with a roster record of their own; or to everyone. */
  needs: Permission | 'self' | 'signed-in';
  section: MenuSection;
  /** A page showing the org tree: switching between such pages keeps the selected org. */
  keepsOrg?: true;
}

export interface WebModule {
  name: string;
  routes: readonly WebRoute[];
  menu?: readonly MenuEntry[];
}

export function defineWebModule(module: WebModule): WebModule {
  return module;
}

/**
 * A page loaded on first visit: a member on a phone never downloads the desk pages. `name` is the page's export:
 * `lazyPage(() => import('./XyzPage'), 'XyzPage')`.
 */
export function lazyPage<K extends string, M extends Record<K, ComponentType>>(
  load: () => Promise<M>,
  name: K,
) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}
