// The memory of Chromium's renderer processes, read from /proc (Linux only).
// The browser process is the one started with our --user-data-dir; its
// renderers are the descendants started with --type=renderer. The page's
// renderer is the largest of them (the others, if any, are spare or utility
// renderers of a few tens of MB).
import { readdirSync, readFileSync } from "node:fs";

/**
 * `rssMb` is all the process has in memory, `anonMb` the part of it that is
 * its own (RssAnon: heaps, not the mapped Chromium binary and libraries that
 * every renderer shares), `peakRssMb` the most it ever had (VmHWM).
 */
export type RendererMemory = { pid: number; rssMb: number; anonMb: number; peakRssMb: number; renderers: number };

function read(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

function statusKb(status: string, field: string): number {
  const match = status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
  return match ? Number(match[1]) : 0;
}

/** The largest renderer of the Chromium using `profileDir`, or null when /proc cannot tell. */
export function rendererMemory(profileDir: string): RendererMemory | null {
  let pids: number[];
  try {
    pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    return null;
  }
  const parent = new Map<number, number>();
  const args = new Map<number, string>();
  for (const pid of pids) {
    const stat = read(`/proc/${pid}/stat`);
    const cmdline = read(`/proc/${pid}/cmdline`);
    if (!stat || cmdline == null) continue;
    // The command name in parentheses may hold spaces: the parent pid comes after its closing one.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    parent.set(pid, Number(fields[1]));
    args.set(pid, cmdline.replace(/\0/g, " "));
  }
  const browsers = new Set([...args].filter(([, a]) => a.includes(`--user-data-dir=${profileDir}`) && !a.includes("--type=")).map(([p]) => p));
  if (browsers.size === 0) return null;
  const descends = (pid: number) => {
    for (let p = parent.get(pid); p && p > 1; p = parent.get(p)) if (browsers.has(p)) return true;
    return false;
  };
  const renderers = [...args].filter(([pid, a]) => a.includes("--type=renderer") && descends(pid));
  let best: RendererMemory | null = null;
  for (const [pid] of renderers) {
    const status = read(`/proc/${pid}/status`);
    if (!status) continue;
    const rssMb = statusKb(status, "VmRSS") / 1024;
    if (!best || rssMb > best.rssMb) {
      best = {
        pid,
        rssMb,
        anonMb: statusKb(status, "RssAnon") / 1024,
        peakRssMb: statusKb(status, "VmHWM") / 1024,
        renderers: renderers.length,
      };
    }
  }
  return best;
}
