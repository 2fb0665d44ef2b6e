/** Evidence file types and size the server accepts (platform attachments). */
export const EVIDENCE_EXTENSIONS = ['pdf', 'png', 'jpg', 'jpeg', 'docx', 'xlsx'];
export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

export function fileExtension(name: string): string {
  const i = name.lastIndexOf('.');
  return i < 0 ? '' : name.slice(i + 1).toLowerCase();
}
