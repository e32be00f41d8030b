/** Server-side ids in the real service's shape (`sess_…`, `item_…`, `event_…`): unique within the process. */

let idCounter = 0;

export function newId(prefix: string): string {
  idCounter += 1;
  return `${prefix}_${Date.now().toString(36)}${idCounter.toString(36).padStart(4, '0')}`;
}
