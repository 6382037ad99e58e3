// An item's links, as the watch and incident reducers act on them: `o` opens,
// `y` copies, at once when there is one link and through a menu when there
// are several. Pure: what to open or copy is returned, the hooks do it.
import type { Link } from '../../engine/links.js';
import type { OpenOutcome } from '../../runtime/deps.js';
import { actionOf, KEYMAP, type KeyName } from '../keys.js';

export type LinkPurpose = 'open' | 'copy';

export interface LinkMenu {
  links: readonly Link[];
  index: number;
  /** What Enter does: what the key that opened the menu asked for. */
  purpose: LinkPurpose;
}

/** What a key on an item's links comes to. */
export type LinkStep =
  | { kind: 'none' }
  | { kind: 'menu'; menu: LinkMenu }
  | { kind: 'do'; purpose: LinkPurpose; link: Link }
  | { kind: 'close' }
  | { kind: 'help' }
  | { kind: 'quit' };

/** `o` or `y` on an item with these links. */
export function startLinks(links: readonly Link[], purpose: LinkPurpose): LinkStep {
  if (links.length === 0) return { kind: 'none' };
  if (links.length === 1) return { kind: 'do', purpose, link: links[0] };
  return { kind: 'menu', menu: { links, index: 0, purpose } };
}

/** A key while the menu is open. */
export function menuKey(menu: LinkMenu, key: KeyName): LinkStep {
  switch (actionOf(KEYMAP.links, key)) {
    case 'up':
      return { kind: 'menu', menu: { ...menu, index: Math.max(0, menu.index - 1) } };
    case 'down':
      return { kind: 'menu', menu: { ...menu, index: Math.min(menu.links.length - 1, menu.index + 1) } };
    case 'take':
      return { kind: 'do', purpose: menu.purpose, link: menu.links[menu.index] };
    case 'open':
      return { kind: 'do', purpose: 'open', link: menu.links[menu.index] };
    case 'copy':
      return { kind: 'do', purpose: 'copy', link: menu.links[menu.index] };
    case 'back':
      return { kind: 'close' };
    case 'help':
      return { kind: 'help' };
    case 'quit':
      return { kind: 'quit' };
    default:
      return { kind: 'menu', menu };
  }
}

/** The line after `o`: what was opened, or the URL to open by hand and why. */
export function openedText(o: OpenOutcome, label: string): string {
  return o.kind === 'opened' ? `opened the ${label} link with ${o.opener}` : `${o.why}; the ${label} link: ${o.url}`;
}

/** The line after `y`. */
export const copiedText = (label: string, how: string): string => `copied the ${label} link to the clipboard (${how})`;

export const NO_LINK = 'no link for this item (a runbook URL, grafana: on its source, or a Sentry permalink gives one)';
