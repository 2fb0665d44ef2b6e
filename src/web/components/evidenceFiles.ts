/** How the evidence viewer opens a file: photos in the image preview, PDFs in a frame, anything else saved. */
export type EvidenceMode = 'image' | 'pdf' | 'download';

const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

/** The same split as the server's Content-Disposition (platform/attachments/content.ts). */
export function evidenceMode(mimeType: string): EvidenceMode {
  if (IMAGE_TYPES.has(mimeType)) return 'image';
  return mimeType === 'application/pdf' ? 'pdf' : 'download';
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Saves a fetched file under its name (a link the browser clicks; the object URL is freed afterwards). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
