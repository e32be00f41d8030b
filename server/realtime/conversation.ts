/**
 * The items of one session's conversation, in order, as the service keeps them: what
 * `conversation.item.retrieve`, `.delete` and `.truncate` act on, and what
 * `previous_item_id` names. Bounded: a kiosk session runs for up to an hour of turns,
 * and only the latest items are ever asked about.
 *
 * Incident this prevents: the official SDK sends `conversation.item.retrieve` after
 * every completed transcription; the server kept no items, so every turn got an
 * `error` and the SDK's history never received the retrieved item.
 */

/** A stored item in the GA shape (`id`, `object`, `type`, `status`, `role`, `content`, …). */
export type ConversationItem = Record<string, unknown> & { id: string };

/** Items remembered; the oldest fall out first. */
export const MAX_CONVERSATION_ITEMS = 512;

/** Where `conversation.item.create` may put an item: after a named item, at the start (`root`), or at the end. */
export const ROOT_ITEM_ID = 'root';

export class Conversation {
  private readonly items: ConversationItem[] = [];
  /** Milliseconds of audio per assistant item, for `conversation.item.truncate`. */
  private readonly audioMs = new Map<string, number>();

  get lastItemId(): string | null {
    return this.items.at(-1)?.id ?? null;
  }

  get size(): number {
    return this.items.length;
  }

  has(itemId: string): boolean {
    return this.indexOf(itemId) >= 0;
  }

  get(itemId: string): ConversationItem | null {
    const index = this.indexOf(itemId);
    return index >= 0 ? this.items[index]! : null;
  }

  /**
   * Adds an item after `previousItemId` (`root`: first; undefined: last) and returns the
   * id of the item now before it. A named item that is not there is the caller's check.
   */
  add(item: ConversationItem, previousItemId?: string | null): string | null {
    this.remove(item.id);
    let index = this.items.length;
    if (previousItemId === ROOT_ITEM_ID) index = 0;
    else if (typeof previousItemId === 'string') {
      const found = this.indexOf(previousItemId);
      if (found >= 0) index = found + 1;
    }
    this.items.splice(index, 0, item);
    if (this.items.length > MAX_CONVERSATION_ITEMS) {
      const dropped = this.items.shift();
      if (dropped) this.audioMs.delete(dropped.id);
    }
    const at = this.indexOf(item.id);
    return at > 0 ? this.items[at - 1]!.id : null;
  }

  /** Replaces a stored item's fields (a transcript arrived, a call completed). */
  update(itemId: string, fields: Record<string, unknown>): ConversationItem | null {
    const index = this.indexOf(itemId);
    if (index < 0) return null;
    const updated = { ...this.items[index]!, ...fields, id: itemId };
    this.items[index] = updated;
    return updated;
  }

  remove(itemId: string): boolean {
    const index = this.indexOf(itemId);
    if (index < 0) return false;
    this.items.splice(index, 1);
    this.audioMs.delete(itemId);
    return true;
  }

  setAudioMs(itemId: string, ms: number): void {
    if (this.has(itemId)) this.audioMs.set(itemId, ms);
  }

  /** Milliseconds of audio the item holds: 0 for one whose audio was never made. */
  audioMsOf(itemId: string): number {
    return this.audioMs.get(itemId) ?? 0;
  }

  clear(): void {
    this.items.length = 0;
    this.audioMs.clear();
  }

  private indexOf(itemId: string): number {
    // From the end: what clients ask about is nearly always the latest few items.
    for (let index = this.items.length - 1; index >= 0; index -= 1) {
      if (this.items[index]!.id === itemId) return index;
    }
    return -1;
  }
}
