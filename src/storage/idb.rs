//! Workspaces in IndexedDB: one record per ticket history, written in transactions.
//!
//! localStorage holds about 5 MiB, far less than a workspace of 100,000
//! tickets. IndexedDB holds hundreds of megabytes, and its transactions are
//! what make a save safe: a transaction either commits every record it wrote
//! or none of them, even when the page is closed in the middle of it. So a
//! reload sees the workspace from before a save or after it, never a mix.
//!
//! The database `servicelab` has four object stores, each keyed by the
//! workspace id (and, for tickets, the ticket id):
//!
//! | store | key | value |
//! | --- | --- | --- |
//! | `meta` | workspace id | [`Meta`] as JSON text: the version counter and unexported changes |
//! | `heads` | workspace id | the workspace without its tickets, as JSON text ([`super::parts`]) |
//! | `tickets` | `[workspace id, ticket id]` | one ticket's record and event history, as JSON text |
//! | `backups` | `[workspace id, label]` | the whole workspace as JSON text, kept before a migration |
//!
//! Values are stored as the text the domain wrote, so this module knows
//! nothing about events: new kinds of event are stored like the old ones.
//!
//! Every save names the version it expects to find in `meta` and checks it
//! *inside* its transaction before writing anything ([`write`]). A tab that
//! loaded version 7 and finds 8 has been overtaken by another tab: its
//! transaction is aborted and [`WriteError::Stale`] says so. Because
//! IndexedDB runs overlapping read-write transactions one after the other,
//! no other write can slip in between the check and the puts.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use js_sys::{Array, Function, Promise, Reflect};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbKeyRange, IdbObjectStore, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode};

/// The name of the database.
pub const DB_NAME: &str = "servicelab";
const DB_VERSION: u32 = 1;
const META: &str = "meta";
const HEADS: &str = "heads";
const TICKETS: &str = "tickets";
const BACKUPS: &str = "backups";
const ALL_STORES: [&str; 4] = [META, HEADS, TICKETS, BACKUPS];

/// A workspace's bookkeeping record, written in the same transaction as its data.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// Goes up by one with every committed save. A tab writes only if it
    /// finds the version it last read or wrote.
    pub version: u64,
    /// Changes saved since the workspace was last exported.
    pub unexported: u64,
    /// The tab whose save made this version (a random number per tab; 0
    /// for saves no tab owns, and in records of earlier releases).
    #[serde(default)]
    pub writer: u64,
}

/// A workspace as stored: its meta record, its head and its ticket texts in id order.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    pub meta: Meta,
    pub head: String,
    pub tickets: Vec<String>,
}

/// What a save writes. Everything in it is committed together or not at all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Writes {
    /// The new head, if it is to be written.
    pub head: Option<String>,
    /// Tickets to write, by ticket id.
    pub tickets: Vec<(u32, String)>,
    /// Deletes every stored ticket of the workspace first (a full rewrite).
    pub replace_tickets: bool,
    /// A backup to keep: its label and the whole workspace's text.
    pub backup: Option<(String, String)>,
    /// How many changes this save holds, added to [`Meta::unexported`].
    pub changes: u64,
    /// Sets [`Meta::unexported`] to zero (after an export) before adding `changes`.
    pub exported: bool,
    /// The tab saving, recorded as [`Meta::writer`].
    pub writer: u64,
}

/// A save that did not happen. Nothing of it was stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteError {
    /// Another tab saved first: the stored version is not the one expected.
    Stale { expected: Option<u64>, found: Option<u64> },
    /// The browser refused (quota exceeded, storage blocked, ...).
    Failed(String),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Stale { .. } => write!(f, "another tab saved this workspace first"),
            WriteError::Failed(reason) => write!(f, "{reason}"),
        }
    }
}

/// Describes a JavaScript error value for a person: `QuotaExceededError: ...`.
pub fn describe(value: &JsValue) -> String {
    if let Some(e) = value.dyn_ref::<web_sys::DomException>() {
        return format!("{}: {}", e.name(), e.message());
    }
    if let Some(e) = value.dyn_ref::<js_sys::Error>() {
        return format!("{}: {}", String::from(e.name()), String::from(e.message()));
    }
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}

/// What an event handler was set on: the request or transaction itself.
///
/// The handlers below reach it through their event, never by holding it: of
/// two `once_into_js` handlers only one ever runs, and the other (with all it
/// holds) is never freed. Held there, a request would keep its result alive
/// for good: every ticket of a workspace read, hundreds of MB of JavaScript
/// heap at 100,000 tickets.
fn handled<T: JsCast>(event: &web_sys::Event) -> Option<T> {
    event.current_target().and_then(|target| target.dyn_into().ok())
}

/// Waits for a request to succeed (its result) or fail (its error).
async fn done(request: &IdbRequest) -> Result<JsValue, String> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        listen(request, reject, move |_, result| {
            let _ = resolve.call1(&JsValue::NULL, &result);
        });
    });
    JsFuture::from(promise).await.map_err(|e| describe(&e))
}

/// Waits for a transaction to commit. An abort or error is returned as text.
async fn committed(tx: &IdbTransaction) -> Result<(), String> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let on_complete = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let reject_abort = reject.clone();
        let on_abort = Closure::once_into_js(move |event: web_sys::Event| {
            let error = handled::<IdbTransaction>(&event)
                .and_then(|tx| tx.error())
                .map_or(JsValue::from_str("the transaction was aborted"), JsValue::from);
            let _ = reject_abort.call1(&JsValue::NULL, &error);
        });
        tx.set_oncomplete(Some(on_complete.unchecked_ref()));
        tx.set_onabort(Some(on_abort.unchecked_ref()));
    });
    JsFuture::from(promise).await.map(|_| ()).map_err(|e| describe(&e))
}

/// Opens (creating on first use) the database. Fails if IndexedDB is blocked.
pub async fn open() -> Result<IdbDatabase, String> {
    let window = web_sys::window().ok_or("there is no browser window")?;
    let factory = window
        .indexed_db()
        .map_err(|e| format!("the browser blocked IndexedDB ({})", describe(&e)))?
        .ok_or("this browser offers no IndexedDB")?;
    let request: IdbOpenDbRequest = factory
        .open_with_u32(DB_NAME, DB_VERSION)
        .map_err(|e| format!("the browser blocked IndexedDB ({})", describe(&e)))?;
    let on_upgrade = Closure::once_into_js(move |event: web_sys::Event| {
        let Some(Ok(result)) = handled::<IdbOpenDbRequest>(&event).map(|r| r.result()) else { return };
        let db: IdbDatabase = result.unchecked_into();
        let names = db.object_store_names();
        for store in ALL_STORES {
            if !names.contains(store) {
                let _ = db.create_object_store(store);
            }
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    let db: IdbDatabase = done(&request).await.map_err(|e| format!("IndexedDB could not be opened ({e})"))?.unchecked_into();
    // A newer release upgrading the database in another tab asks us to let go.
    let closing = db.clone();
    let on_version_change = Closure::<dyn Fn()>::new(move || closing.close());
    db.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
    on_version_change.forget();
    Ok(db)
}

fn ticket_key(workspace: &str, ticket: u32) -> JsValue {
    Array::of2(&JsValue::from_str(workspace), &JsValue::from_f64(f64::from(ticket))).into()
}

/// Every key `[workspace, anything]` (ticket ids are numbers, backup labels strings).
fn workspace_range(workspace: &str) -> Result<JsValue, String> {
    let lower = Array::of1(&JsValue::from_str(workspace));
    let upper = Array::of2(&JsValue::from_str(workspace), &Array::new());
    IdbKeyRange::bound(&lower, &upper).map(JsValue::from).map_err(|e| describe(&e))
}

fn transaction(db: &IdbDatabase, mode: IdbTransactionMode) -> Result<IdbTransaction, String> {
    let names = ALL_STORES.iter().map(|s| JsValue::from_str(s)).collect::<Array>();
    db.transaction_with_str_sequence_and_mode(&names, mode).map_err(|e| describe(&e))
}

fn store(tx: &IdbTransaction, name: &str) -> Result<IdbObjectStore, String> {
    tx.object_store(name).map_err(|e| describe(&e))
}

fn text(value: JsValue, what: &str) -> Result<String, String> {
    value.as_string().ok_or_else(|| format!("{what} is not text"))
}

fn parse_meta(value: JsValue) -> Result<Option<Meta>, String> {
    if value.is_undefined() {
        return Ok(None);
    }
    let raw = text(value, "the version record")?;
    serde_json::from_str(&raw).map(Some).map_err(|e| format!("the version record cannot be read ({e})"))
}

/// The ids of every workspace stored, with its meta record.
pub async fn list(db: &IdbDatabase) -> Result<Vec<String>, String> {
    let tx = transaction(db, IdbTransactionMode::Readonly)?;
    let keys = done(&store(&tx, META)?.get_all_keys().map_err(|e| describe(&e))?).await?;
    Ok(Array::from(&keys).iter().filter_map(|k| k.as_string()).collect())
}

/// Reads a workspace. `Ok(None)` if nothing is stored under `id`; an error if
/// the browser refuses, or if a record is not the text it should be.
pub async fn read(db: &IdbDatabase, id: &str) -> Result<Option<Stored>, String> {
    let Some(fetched) = fetch(db, id).await? else { return Ok(None) };
    let tickets = fetched.tickets.into_vec().await?;
    Ok(Some(Stored { meta: fetched.meta, head: fetched.head, tickets }))
}

/// A workspace's records as [`fetch`] returns them: its tickets still as the
/// browser handed them over.
pub struct Fetched {
    pub meta: Meta,
    pub head: String,
    pub tickets: TicketTexts,
}

/// The ticket records of a workspace, in id order: as JavaScript strings
/// straight from IndexedDB, made Rust text one at a time when read (so a large
/// workspace need not be held twice at once), or as Rust text already.
pub enum TicketTexts {
    Browser(Array),
    Owned(Vec<String>),
}

impl TicketTexts {
    pub fn len(&self) -> usize {
        match self {
            TicketTexts::Browser(array) => array.length() as usize,
            TicketTexts::Owned(texts) => texts.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The record of the ticket at `index` (ticket id `index + 1`).
    pub fn get(&self, index: usize) -> Result<std::borrow::Cow<'_, str>, String> {
        match self {
            TicketTexts::Browser(array) => {
                text(array.get(index as u32), &format!("ticket record {}", index + 1)).map(std::borrow::Cow::Owned)
            }
            TicketTexts::Owned(texts) => {
                texts.get(index).map(|t| std::borrow::Cow::Borrowed(t.as_str())).ok_or_else(|| format!("there is no ticket record {}", index + 1))
            }
        }
    }

    /// Every record as Rust text, a few hundred at a time with turns for the page between.
    pub async fn into_vec(self) -> Result<Vec<String>, String> {
        let array = match self {
            TicketTexts::Owned(texts) => return Ok(texts),
            TicketTexts::Browser(array) => array,
        };
        let mut texts = Vec::with_capacity(array.length() as usize);
        let mut pace = super::pace::Pace::new();
        for (i, value) in array.iter().enumerate() {
            texts.push(text(value, &format!("ticket record {}", i + 1))?);
            if i % 256 == 255 {
                pace.breathe().await;
            }
        }
        Ok(texts)
    }
}

/// Reads workspace `id` like [`read`], leaving its tickets as the browser
/// returned them (see [`TicketTexts`]).
pub async fn fetch(db: &IdbDatabase, id: &str) -> Result<Option<Fetched>, String> {
    let tx = transaction(db, IdbTransactionMode::Readonly)?;
    let key = JsValue::from_str(id);
    let meta = store(&tx, META)?.get(&key).map_err(|e| describe(&e))?;
    let head = store(&tx, HEADS)?.get(&key).map_err(|e| describe(&e))?;
    let (tickets, batches) = all_tickets(&tx, id)?;
    let (meta, head) = (done(&meta).await?, done(&head).await?);
    let tickets = JsFuture::from(tickets).await.map_err(|e| describe(&e))?;
    drop(batches);
    let Some(meta) = parse_meta(meta)? else { return Ok(None) };
    if head.is_undefined() {
        return Err("the workspace's organisation and settings are missing".into());
    }
    let head = text(head, "the workspace's organisation and settings")?;
    Ok(Some(Fetched { meta, head, tickets: TicketTexts::Browser(Array::from(&tickets)) }))
}

/// Ticket records read per request by [`all_tickets`]. The browser hands
/// each batch over in one task, which grows with the batch: batches of
/// 2,000 records of the benchmark workspace made tasks of up to 94 ms.
const BATCH: u32 = 1_000;

/// Every ticket record of workspace `id`, in key order, as a promise of an
/// array. One request for 100,000 records hands them all over in one task
/// that freezes the page for half a second, so they are asked for by ticket
/// id, [`BATCH`] at a time: once the count is known, every batch is asked
/// for at once in the same read-only transaction (so all of them read the
/// same stored version), and each arrives in a task of its own. Ids are
/// dense from 1: if the batches do not add up to the number of records, the
/// records are read again in one request, exactly as stored.
///
/// The handlers hold the batches only weakly; the caller keeps the returned
/// [`Batches`] until the promise settles, so that a failed read, whose
/// success handlers never run and are never freed, leaks none of them.
fn all_tickets(tx: &IdbTransaction, id: &str) -> Result<(Promise, Rc<RefCell<Batches>>), String> {
    let range = workspace_range(id)?;
    let count = store(tx, TICKETS)?.count_with_key(&range).map_err(|e| describe(&e))?;
    let batches = Rc::new(RefCell::new(Batches::default()));
    let weak = Rc::downgrade(&batches);
    let id = id.to_owned();
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let (id, weak, failed) = (id.clone(), weak.clone(), reject.clone());
        listen(&count, reject, move |request, result| {
            let count = result.as_f64().unwrap_or(0.0) as u32;
            if let Err(e) = ask_for_batches(&request, &id, count, &weak, &resolve, &failed) {
                let _ = failed.call1(&JsValue::NULL, &JsValue::from_str(&describe(&e)));
            }
        });
    });
    Ok((promise, batches))
}

/// The batches of [`all_tickets`] as they arrive.
#[derive(Default)]
struct Batches {
    arrived: Vec<Option<Array>>,
    waiting: usize,
}

fn ask_for_batches(
    previous: &IdbRequest,
    id: &str,
    count: u32,
    batches: &Weak<RefCell<Batches>>,
    resolve: &Function,
    reject: &Function,
) -> Result<(), JsValue> {
    let store = store_of(previous)?;
    let how_many = count.div_ceil(BATCH) as usize;
    if how_many == 0 {
        resolve.call1(&JsValue::NULL, &Array::new())?;
        return Ok(());
    }
    if let Some(b) = batches.upgrade() {
        *b.borrow_mut() = Batches { arrived: vec![None; how_many], waiting: how_many };
    }
    for k in 0..how_many {
        let first = k as u32 * BATCH + 1;
        let last = (first + BATCH - 1).min(count);
        let range = IdbKeyRange::bound(&ticket_key(id, first), &ticket_key(id, last))?;
        let request = store.get_all_with_key(&range)?;
        let (batches, resolve, reject_in, id) = (batches.clone(), resolve.clone(), reject.clone(), id.to_owned());
        listen(&request, reject.clone(), move |request, result| {
            let Some(batches) = batches.upgrade() else { return };
            let mut b = batches.borrow_mut();
            b.arrived[k] = Some(Array::from(&result));
            b.waiting -= 1;
            if b.waiting > 0 {
                return;
            }
            let all = Array::new();
            for batch in b.arrived.drain(..).flatten() {
                for record in batch.iter() {
                    all.push(&record);
                }
            }
            if all.length() == count {
                let _ = resolve.call1(&JsValue::NULL, &all);
                return;
            }
            // Ids are not dense: everything, as stored, in one request.
            let everything = workspace_range(&id).map_err(|e| JsValue::from_str(&e)).and_then(|range| store_of(&request)?.get_all_with_key(&range));
            match everything {
                Ok(request) => listen(&request, reject_in.clone(), move |_, result| {
                    let _ = resolve.call1(&JsValue::NULL, &result);
                }),
                Err(e) => {
                    let _ = reject_in.call1(&JsValue::NULL, &JsValue::from_str(&describe(&e)));
                }
            }
        });
    }
    Ok(())
}

fn store_of(request: &IdbRequest) -> Result<IdbObjectStore, JsValue> {
    let source = request.source().ok_or_else(|| JsValue::from_str("the ticket records could not be reached"))?;
    Ok(source.dyn_into()?)
}

/// Calls `then` with a request and its result when it succeeds, or rejects
/// with its error. Of the two handlers only one runs and the other is never
/// freed, so the error handler holds nothing but `reject` (see [`handled`]).
fn listen(request: &IdbRequest, reject: Function, then: impl FnOnce(IdbRequest, JsValue) + 'static) {
    let lost = reject.clone();
    let on_success = Closure::once_into_js(move |event: web_sys::Event| match handled::<IdbRequest>(&event) {
        Some(request) => {
            let result = request.result().unwrap_or(JsValue::UNDEFINED);
            then(request, result);
        }
        None => {
            let _ = lost.call1(&JsValue::NULL, &JsValue::from_str("the request's result could not be reached"));
        }
    });
    let on_error = Closure::once_into_js(move |event: web_sys::Event| {
        event.prevent_default();
        let error = handled::<IdbRequest>(&event)
            .and_then(|r| r.error().ok().flatten())
            .map_or(JsValue::from_str("the request failed"), JsValue::from);
        let _ = reject.call1(&JsValue::NULL, &error);
    });
    request.set_onsuccess(Some(on_success.unchecked_ref()));
    request.set_onerror(Some(on_error.unchecked_ref()));
}

/// Reads the backup `label` of workspace `id`, if there is one.
pub async fn read_backup(db: &IdbDatabase, id: &str, label: &str) -> Result<Option<String>, String> {
    let tx = transaction(db, IdbTransactionMode::Readonly)?;
    let key = Array::of2(&JsValue::from_str(id), &JsValue::from_str(label));
    let value = done(&store(&tx, BACKUPS)?.get(&key).map_err(|e| describe(&e))?).await?;
    if value.is_undefined() { Ok(None) } else { text(value, "the backup").map(Some) }
}

/// Saves `writes` to workspace `id` if its stored version is `expected`
/// (`None`: the workspace must not exist yet). Returns the new meta record.
/// All or nothing: on any error the transaction is aborted.
pub async fn write(db: &IdbDatabase, id: &str, expected: Option<u64>, writes: Writes) -> Result<Meta, WriteError> {
    write_shared(db, id, expected, Rc::new(writes)).await
}

/// [`write`], leaving the caller a hold on what was written, to compare
/// with what is read back.
pub async fn write_shared(db: &IdbDatabase, id: &str, expected: Option<u64>, writes: Rc<Writes>) -> Result<Meta, WriteError> {
    let failed = WriteError::Failed;
    let tx = transaction(db, IdbTransactionMode::Readwrite).map_err(failed)?;
    let meta_store = store(&tx, META).map_err(failed)?;
    let request = meta_store.get(&JsValue::from_str(id)).map_err(|e| failed(describe(&e)))?;
    let outcome: Rc<RefCell<Option<Result<Meta, WriteError>>>> = Rc::new(RefCell::new(None));
    // Why a put issued after the first callback failed (the transaction is then aborted).
    let late: Rc<RefCell<Option<String>>> = Rc::new(RefCell::new(None));
    // The check and the puts run in the request's success callback, while the
    // transaction is certainly active: nothing can be written in between.
    let (cell, tx_in, id_in, reading, late_in) = (outcome.clone(), tx.clone(), id.to_owned(), request.clone(), late.clone());
    let on_meta = Closure::once_into_js(move |_: web_sys::Event| {
        let result = reading.result().map_err(|e| describe(&e)).and_then(parse_meta);
        let result = result.map_err(WriteError::Failed).and_then(|found| {
            let found_version = found.map(|m| m.version);
            if found_version != expected {
                return Err(WriteError::Stale { expected, found: found_version });
            }
            let meta = put_all(&tx_in, &id_in, found.unwrap_or_default(), &writes).map_err(WriteError::Failed)?;
            put_tickets(tx_in.clone(), Rc::from(id_in.as_str()), writes, 0, late_in);
            Ok(meta)
        });
        if result.is_err() {
            let _ = tx_in.abort();
        }
        *cell.borrow_mut() = Some(result);
    });
    request.set_onsuccess(Some(on_meta.unchecked_ref()));
    let result = committed(&tx).await;
    let decided = outcome.borrow_mut().take();
    let result = match (result, late.borrow_mut().take()) {
        (Err(_), Some(why)) => Err(why),
        (result, _) => result,
    };
    match (decided, result) {
        (Some(Ok(meta)), Ok(())) => Ok(meta),
        (Some(Err(e)), _) => Err(e),
        (_, Err(e)) => Err(WriteError::Failed(e)),
        (None, Ok(())) => Err(WriteError::Failed("the save finished without checking the version".into())),
    }
}

fn put_all(tx: &IdbTransaction, id: &str, found: Meta, writes: &Writes) -> Result<Meta, String> {
    let key = JsValue::from_str(id);
    let err = |e: JsValue| describe(&e);
    if writes.replace_tickets {
        store(tx, TICKETS)?.delete(&workspace_range(id)?).map_err(err)?;
    }
    if let Some(head) = &writes.head {
        store(tx, HEADS)?.put_with_key(&JsValue::from_str(head), &key).map_err(err)?;
    }
    if let Some((label, text)) = &writes.backup {
        let backup_key = Array::of2(&key, &JsValue::from_str(label));
        store(tx, BACKUPS)?.put_with_key(&JsValue::from_str(text), &backup_key).map_err(err)?;
    }
    let base = if writes.exported { 0 } else { found.unexported };
    let meta = Meta { version: found.version + 1, unexported: base + writes.changes, writer: writes.writer };
    let meta_text = serde_json::to_string(&meta).map_err(|e| e.to_string())?;
    store(tx, META)?.put_with_key(&JsValue::from_str(&meta_text), &key).map_err(err)?;
    Ok(meta)
}

/// Ticket records put between two turns of the page during a save.
const PUT_CHUNK: usize = 200;

/// Puts the ticket records of `writes` from `from` on, [`PUT_CHUNK`] at a
/// time: each chunk is put from the success of the previous chunk's last
/// request, so the page gets a turn in between (putting 100,000 records in
/// one callback held it for seconds) while the transaction stays active.
/// A put that fails aborts the transaction, so nothing of the save is
/// stored, and says why in `failed`.
fn put_tickets(tx: IdbTransaction, id: Rc<str>, writes: Rc<Writes>, from: usize, failed: Rc<RefCell<Option<String>>>) {
    let end = (from + PUT_CHUNK).min(writes.tickets.len());
    let fail = |why: String| {
        *failed.borrow_mut() = Some(why);
        let _ = tx.abort();
    };
    let tickets = match store(&tx, TICKETS) {
        Ok(tickets) => tickets,
        Err(why) => return fail(why),
    };
    let mut last = None;
    for (ticket, text) in &writes.tickets[from..end] {
        match tickets.put_with_key(&JsValue::from_str(text), &ticket_key(&id, *ticket)) {
            Ok(request) => last = Some(request),
            Err(e) => return fail(describe(&e)),
        }
    }
    if let (Some(request), true) = (last, end < writes.tickets.len()) {
        let (tx, failed) = (tx.clone(), failed.clone());
        let next = Closure::once_into_js(move |_: web_sys::Event| put_tickets(tx, id, writes, end, failed));
        request.set_onsuccess(Some(next.unchecked_ref()));
    }
}

/// Deletes workspace `id` entirely (data, meta and backups) in one transaction.
pub async fn delete(db: &IdbDatabase, id: &str) -> Result<(), String> {
    let tx = transaction(db, IdbTransactionMode::Readwrite)?;
    let key = JsValue::from_str(id);
    let err = |e: JsValue| describe(&e);
    let range = workspace_range(id)?;
    store(&tx, META)?.delete(&key).map_err(err)?;
    store(&tx, HEADS)?.delete(&key).map_err(err)?;
    store(&tx, TICKETS)?.delete(&range).map_err(err)?;
    store(&tx, BACKUPS)?.delete(&range).map_err(err)?;
    committed(&tx).await
}

/// Everything stored for workspace `id`, as JSON text, whatever state it is
/// in: `{"meta": ..., "head": ..., "tickets": [...]}` with each record as it
/// was stored (text stays text). For handing unreadable data to the user.
pub async fn export_raw(db: &IdbDatabase, id: &str) -> Result<String, String> {
    let tx = transaction(db, IdbTransactionMode::Readonly)?;
    let key = JsValue::from_str(id);
    let meta = store(&tx, META)?.get(&key).map_err(|e| describe(&e))?;
    let head = store(&tx, HEADS)?.get(&key).map_err(|e| describe(&e))?;
    let tickets = store(&tx, TICKETS)?.get_all_with_key(&workspace_range(id)?).map_err(|e| describe(&e))?;
    let dump = js_sys::Object::new();
    for (name, request) in [("meta", meta), ("head", head), ("tickets", tickets)] {
        let value = done(&request).await?;
        Reflect::set(&dump, &JsValue::from_str(name), &value).map_err(|e| describe(&e))?;
    }
    js_sys::JSON::stringify(&dump).map(String::from).map_err(|e| describe(&e))
}
