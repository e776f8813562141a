import { expect, type Page } from "@playwright/test";

/** What IndexedDB holds for one workspace, exactly as stored. */
export type Stored = { meta: unknown; head: unknown; tickets: unknown[]; backups: unknown[] };

/** The id of the workspace the page has open. */
export async function currentId(page: Page): Promise<string> {
  return page.evaluate(() => sessionStorage.getItem("servicelab.current") ?? JSON.parse(localStorage.getItem("servicelab.current")!));
}

/** The workspace list from localStorage. */
export async function catalog(page: Page): Promise<{ id: string; name: string }[]> {
  return page.evaluate(() => JSON.parse(localStorage.getItem("servicelab.workspaces") ?? '{"workspaces":[]}').workspaces);
}

/** Every record of workspace `id`, read straight from IndexedDB. */
export async function stored(page: Page, id: string): Promise<Stored> {
  return page.evaluate(
    (id) =>
      new Promise<Stored>((resolve, reject) => {
        const open = indexedDB.open("servicelab");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(["meta", "heads", "tickets", "backups"], "readonly");
          const range = IDBKeyRange.bound([id], [id, []]);
          const out: Partial<Stored> = {};
          tx.objectStore("meta").get(id).onsuccess = (e) => (out.meta = (e.target as IDBRequest).result);
          tx.objectStore("heads").get(id).onsuccess = (e) => (out.head = (e.target as IDBRequest).result);
          tx.objectStore("tickets").getAll(range).onsuccess = (e) => (out.tickets = (e.target as IDBRequest).result);
          tx.objectStore("backups").getAll(range).onsuccess = (e) => (out.backups = (e.target as IDBRequest).result);
          tx.oncomplete = () => {
            db.close();
            resolve(out as Stored);
          };
        };
      }),
    id,
  );
}

/** Writes one record straight into IndexedDB (to damage it on purpose). */
export async function putRecord(page: Page, store: string, key: IDBValidKey, value: unknown) {
  await page.evaluate(
    ([store, key, value]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open("servicelab");
        open.onsuccess = () => {
          const tx = open.result.transaction(store as string, "readwrite");
          tx.objectStore(store as string).put(value, key as IDBValidKey);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    [store, key, value] as const,
  );
}

/** The stored version counter of workspace `id`. */
export async function version(page: Page, id: string): Promise<number> {
  const meta = (await stored(page, id)).meta as string;
  return JSON.parse(meta).version;
}

/** The whole workspace as JSON, joined from its stored records. */
export function joined(s: Stored): any {
  const head = JSON.parse(s.head as string);
  head.tickets = (s.tickets as string[]).map((t) => JSON.parse(t));
  return head;
}

/** Waits until the stored version of `id` is above `than`. */
export async function savedBeyond(page: Page, id: string, than: number) {
  await expect.poll(() => version(page, id), { timeout: 5000 }).toBeGreaterThan(than);
}
