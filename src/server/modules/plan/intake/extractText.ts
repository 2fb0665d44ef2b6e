/**
 * The text of an uploaded document: a .docx through mammoth's raw text, a PDF through its text layer (pdfjs, one
 * line per run of items on the same baseline). A scanned PDF has no text layer and comes back empty, which the
 * service reports as a field error rather than an empty draft.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import mammoth from 'mammoth';

// pdfjs reads the metrics of the 14 standard fonts from its own files; without them it warns on every such PDF.
const STANDARD_FONTS = `${path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

export type DocumentKind = 'docx' | 'pdf' | 'text';

/** What the bytes are, by their signature (the file name can lie). */
export function documentKind(data: Buffer): DocumentKind | null {
  if (data.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (data.length >= 4 && data.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'docx';
  // Plain UTF-8 text: decodes without replacement characters and has no NULs.
  const s = data.toString('utf8');
  if (!s.includes('\uFFFD') && !s.includes('\u0000')) return 'text';
  return null;
}

export async function docxText(data: Buffer): Promise<string> {
  const { value } = await mammoth.extractRawText({ buffer: data });
  return value;
}

interface PdfTextItem {
  str: string;
  transform: number[];
  hasEOL?: boolean;
}

export async function pdfText(data: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), useSystemFonts: false, isEvalSupported: false, standardFontDataUrl: STANDARD_FONTS })
    .promise;
  const pages: string[] = [];
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      let line = '';
      let lastY: number | null = null;
      const lines: string[] = [];
      for (const raw of content.items) {
        const item = raw as PdfTextItem;
        if (typeof item.str !== 'string') continue;
        const y = item.transform[5] ?? 0;
        if (lastY !== null && Math.abs(y - lastY) > 2 && line) {
          lines.push(line);
          line = '';
        }
        line += item.str;
        lastY = y;
        if (item.hasEOL) {
          lines.push(line);
          line = '';
          lastY = null;
        }
      }
      if (line) lines.push(line);
      pages.push(lines.join('\n'));
    }
  } finally {
    await doc.destroy();
  }
  return pages.join('\n');
}

export async function documentText(kind: DocumentKind, data: Buffer): Promise<string> {
  if (kind === 'pdf') return pdfText(data);
  if (kind === 'docx') return docxText(data);
  return data.toString('utf8');
}
