/**
 * Stopping within a deadline. `app.close()` stops accepting, answers new requests 503 and waits for the ones in
 * flight — for ever, if one never ends (a client that stalls mid-body, a hook that hangs): servers signalled under
 * load stayed alive for half an hour with their listener closed. So the stop gets a deadline: what finishes in time
 * finishes, and past it the process exits anyway, saying so.
 */
export type StopOutcome = 'clean' | 'deadline';

export async function stopWithin(stop: () => Promise<void>, deadlineMs: number): Promise<StopOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<StopOutcome>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), deadlineMs);
  });
  try {
    return await Promise.race([stop().then((): StopOutcome => 'clean'), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
