import { readFileSync } from 'node:fs';

/**
 * CPU time (user + system, all threads) a process has used so far, in ms, from
 * /proc (Linux); undefined elsewhere or once it is gone. Unlike requests a
 * second, it hardly moves when other work shares the machine.
 */
export function cpuMsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // Fields after the command's name (which may hold spaces): utime and stime are the 12th and 13th, in clock ticks of 10 ms.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields.length > 12 ? (Number(fields[11]) + Number(fields[12])) * 10 : undefined;
}
