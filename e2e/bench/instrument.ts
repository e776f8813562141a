// What the benchmark installs in every document of the page before the app's
// own scripts run (page.addInitScript). Everything is timed in the page with
// performance.now(), so Playwright's round trips are never part of a figure.
//
// A measurement is armed before the user's action: it starts at the
// timestamp of the action's event (the key press, the click, the chosen
// file) and ends once the page shows the result. The end is taken in a task
// posted after the work's own task (the app renders in microtasks of the task
// that handled the event, so a message posted then runs once all of that is
// done), after forcing style and layout; the wait for the next frame (up to
// 16.7 ms of idle time at 60 Hz) is not counted.
//
// Also recorded: every long task (> 50 ms, PerformanceObserver "longtask")
// with the phase the harness was in; every download the app starts; every
// save another tab would hear of (the app's BroadcastChannel, sent once the
// IndexedDB transaction has committed); how long the main thread is busy
// after each one-second tick of the app clock; when the incident list first
// became interactive.

/** Runs in the page; must not use anything from outside its own body. */
export function instrument() {
  type Condition = [name: string, arg?: unknown];
  type Done = { ms: number; by: string }[];
  const w = window as any;
  const PHASE_KEY = "servicelab.bench.phase";
  const storedPhase = (() => {
    try {
      return sessionStorage.getItem(PHASE_KEY);
    } catch {
      return null;
    }
  })();
  const bench: any = (w.__bench = {
    phase: storedPhase ?? "load",
    longTasks: [] as { phase: string; start: number; duration: number }[],
    saves: [] as { at: number; version: number }[],
    ticks: [] as number[],
    recordTicks: false,
    listReady: null as number | null,
    pending: null as Promise<Done> | null,
    recheck: () => {},
  });
  bench.setPhase = (phase: string) => {
    bench.phase = phase;
    try {
      sessionStorage.setItem(PHASE_KEY, phase);
    } catch {
      // a phase label is only a label
    }
  };

  // Runs `f` in a task of its own, after the current task and its microtasks.
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  channel.port1.onmessage = () => queue.splice(0).forEach((f) => f());
  const afterTask = (f: () => void) => {
    queue.push(f);
    channel.port2.postMessage(0);
  };
  bench.afterTask = () => new Promise<void>((resolve) => afterTask(resolve));

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push({ phase: bench.phase, start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch {
    // no long task timing in this browser
  }

  try {
    new BroadcastChannel("servicelab").onmessage = (event) => {
      try {
        bench.saves.push({ at: performance.now(), version: JSON.parse(event.data).version });
      } catch {
        // not a save announcement
      }
      bench.recheck();
    };
  } catch {
    // no BroadcastChannel
  }

  // The clock ticks with setInterval(…, 1000): time each callback until the
  // task after it, which also covers the style, layout and paint it causes
  // when a frame falls in between.
  const setIntervalBefore = window.setInterval.bind(window);
  (window as any).setInterval = (handler: any, ms?: number, ...rest: unknown[]) => {
    if (ms !== 1000 || typeof handler !== "function") return setIntervalBefore(handler, ms, ...rest);
    return setIntervalBefore(
      (...args: unknown[]) => {
        const started = performance.now();
        try {
          handler(...args);
        } finally {
          if (bench.recordTicks) afterTask(() => bench.ticks.push(performance.now() - started));
        }
      },
      ms,
      ...rest,
    );
  };

  // A download starts when the app clicks a link to the file (src/ui/download.rs).
  bench.downloads = 0;
  const clickBefore = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    if (this.hasAttribute("download")) bench.downloads += 1;
    return clickBefore.call(this);
  };

  const text = (el: Element | null | undefined) => el?.textContent?.trim() ?? "";
  const statuses = () => [...document.querySelectorAll('[role="status"]')];
  const rowCount = () => statuses().map(text).find((t) => /^[\d,]+ (of [\d,]+ )?incidents$/.test(t));
  const firstRow = () => document.querySelector('table[aria-label="Incidents"] tbody tr:not(.spacer)');
  const conditions: Record<string, (arg: any) => boolean> = {
    // The incident list is interactive: its row count is shown and its first row rendered.
    listReady: () => !!rowCount() && !!firstRow(),
    // The search box holds `value` and the list says `status`.
    searched: ({ value, status }) =>
      (document.querySelector('input[type="search"]') as HTMLInputElement | null)?.value === value && rowCount() === status,
    // The column headed `label` is sorted `direction`, and rows are shown.
    sorted: ([label, direction]) =>
      [...document.querySelectorAll("th[aria-sort]")].some((th) => text(th).startsWith(label) && th.getAttribute("aria-sort") === direction) &&
      !!firstRow(),
    // A ticket's page: its number in the heading and its activity shown.
    ticket: (number) => text(document.querySelector("h1")).includes(number) && !!document.querySelector('[aria-label="Activity"] li'),
    // The activity shows `words`.
    activity: (words) => text(document.querySelector('[aria-label="Activity"]')).includes(words),
    // A save with a version above `version` has been committed.
    savedBeyond: (version) => bench.saves.some((s: { version: number }) => s.version > version),
    // A region named `name` is shown.
    region: (name) => !!document.querySelector(`[role="region"][aria-label="${name}"]`),
    // A status message starting with `words` appeared after the measurement was armed.
    freshStatus: (words) => statuses().some((el) => !el.hasAttribute("data-bench-seen") && text(el).startsWith(words)),
    // The What-if tab shows a complete comparison: its summary, and no run under way.
    whatIf: () => !!document.querySelector(".whatif-summary") && !document.querySelector('progress[aria-label="What-if progress"]'),
    // A download started after the measurement was armed.
    download: () => bench.downloads > downloadsWhenArmed,
  };
  let downloadsWhenArmed = 0;

  /**
   * Arms a measurement: it starts at the next `startEvent` (its timestamp) and
   * ends, for each condition, once the condition holds after a task. The
   * result is `bench.pending`, one figure per condition.
   */
  bench.arm = (startEvent: string, wanted: Condition[], timeoutMs = 600_000) => {
    statuses().forEach((el) => el.setAttribute("data-bench-seen", ""));
    downloadsWhenArmed = bench.downloads;
    let start: number | null = null;
    const done: (Done[number] | null)[] = wanted.map(() => null);
    let finish: (value: Done) => void = () => {};
    let fail: (error: Error) => void = () => {};
    bench.pending = new Promise<Done>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
    bench.pending.catch(() => {});
    const observer = new MutationObserver(() => afterTask(() => check("mutation")));
    const onInput = () => afterTask(() => check("input"));
    const poll = setIntervalBefore(() => check("poll"), 25);
    const timer = setTimeout(() => {
      stop();
      fail(new Error(`not reached within ${timeoutMs} ms: ${wanted.filter((_, i) => !done[i]).map((c) => c[0]).join(", ")}`));
    }, timeoutMs);
    const onStart = (event: Event) => {
      if (start !== null) return;
      start = event.timeStamp;
      afterTask(() => check("task"));
    };
    const stop = () => {
      observer.disconnect();
      window.removeEventListener(startEvent, onStart, true);
      window.removeEventListener("input", onInput, true);
      clearInterval(poll);
      clearTimeout(timer);
      bench.recheck = () => {};
    };
    function check(by: string) {
      if (start === null) return;
      let layoutDone = false;
      wanted.forEach(([name, arg], i) => {
        if (done[i] || !conditions[name](arg)) return;
        if (!layoutDone) {
          void document.body.offsetHeight;
          layoutDone = true;
        }
        done[i] = { ms: performance.now() - start!, by };
      });
      if (done.every(Boolean)) {
        stop();
        finish(done as Done);
      }
    }
    window.addEventListener(startEvent, onStart, true);
    window.addEventListener("input", onInput, true);
    observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    bench.recheck = () => afterTask(() => check("save"));
  };

  // The first moment this document's incident list was interactive.
  const boot = new MutationObserver(() => {
    if (bench.listReady !== null || !conditions.listReady(undefined)) return;
    afterTask(() => {
      if (bench.listReady !== null) return;
      void document.body.offsetHeight;
      bench.listReady = performance.now();
      boot.disconnect();
    });
  });
  boot.observe(document, { subtree: true, childList: true, characterData: true });
}
