/** Uploading a sheet to an import endpoint and waiting for its background job, as the import pages do. */
import type { SignedIn } from './accounts.js';

export interface FinishedImport<J> {
  ms: number;
  job: J & { status: string };
}

/**
 * POSTs `file` as multipart `file` to `uploadPath`, then polls `jobPath(id)` every 200 ms until the job has
 * succeeded or failed; milliseconds from upload to that answer.
 */
export async function importAndWait<J>(
  port: number,
  who: SignedIn,
  uploadPath: string,
  jobPath: (id: number) => string,
  file: Buffer,
  filename: string,
): Promise<FinishedImport<J>> {
  const started = Date.now();
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), filename);
  const headers = { cookie: who.cookie, 'x-csrf-token': who.csrf };
  const res = await fetch(`http://127.0.0.1:${port}${uploadPath}`, { method: 'POST', body: form, headers });
  if (res.status !== 202) throw new Error(`import upload: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: number };
  for (;;) {
    await new Promise((r) => setTimeout(r, 200));
    const job = (await (await fetch(`http://127.0.0.1:${port}${jobPath(id)}`, { headers })).json()) as J & { status: string };
    if (job.status === 'succeeded' || job.status === 'failed') return { ms: Date.now() - started, job };
  }
}
