import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/**
 * Renders documents the way an official opens and prints them: LibreOffice converts to PDF, poppler reads the
 * pages. CI installs libreoffice-writer, libreoffice-calc, poppler-utils and fonts-noto-cjk (.ci/run).
 */

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
export const LIBREOFFICE = has('soffice') && has('pdfinfo') && has('pdftotext') && has('pdffonts') && has('pdftoppm');
export const MISSING_MESSAGE = 'LibreOffice or poppler is not installed: apt-get install -y libreoffice-writer libreoffice-calc poppler-utils fonts-noto-cjk';

/** The standard's font names resolved onto Noto CJK, as a machine without the 公文 fonts is set up. */
const FONTS_CONF = join(import.meta.dirname, 'fonts.conf');

/** Converts a file to PDF in a fresh directory (own LibreOffice profile, so parallel runs do not share one). */
export function toPdf(name: string, data: Buffer): { dir: string; pdf: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hx-documents-'));
  const input = join(dir, name);
  writeFileSync(input, data);
  execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, input],
    { env: { ...process.env, FONTCONFIG_FILE: FONTS_CONF }, timeout: 180_000, stdio: 'pipe' },
  );
  return { dir, pdf: join(dir, basename(name).replace(/\.[^.]+$/, '.pdf')) };
}

export interface PdfInfo {
  pages: number;
  /** Points. */
  width: number;
  height: number;
}

export function pdfInfo(pdf: string): PdfInfo {
  const out = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(out)?.[1]);
  const [, w, h] = /^Page size:\s+([\d.]+) x ([\d.]+)/m.exec(out) ?? [];
  return { pages, width: Number(w), height: Number(h) };
}

export const pdfFonts = (pdf: string) => execFileSync('pdffonts', [pdf], { encoding: 'utf8' });

export const pageText = (pdf: string, page: number) =>
  execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', pdf, '-'], { encoding: 'utf8' });

/** The words of a page with their boxes (points from the top left), from pdftotext -bbox. */
export function pageWords(pdf: string, page: number): { text: string; xMin: number; xMax: number; yMin: number }[] {
  const html = execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-bbox', pdf, '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    text: m[4]!,
  }));
}

/** A page as RGB pixels (pdftoppm's PPM), also written as PNG beside the PDF for a person to look at. */
export function pagePixels(pdf: string, page: number, dpi = 40) {
  execFileSync('pdftoppm', ['-f', String(page), '-l', String(page), '-r', String(dpi), '-png', pdf, pdf.replace(/\.pdf$/, '')]);
  const ppm = execFileSync('pdftoppm', ['-f', String(page), '-l', String(page), '-r', String(dpi), pdf], { maxBuffer: 64 << 20 });
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 40).toString('latin1'))!;
  const width = Number(header[1]);
  const height = Number(header[2]);
  const data = ppm.subarray(header[0].length);
  return {
    width,
    height,
    pixel: (x: number, y: number) => [data[(y * width + x) * 3]!, data[(y * width + x) * 3 + 1]!, data[(y * width + x) * 3 + 2]!] as const,
  };
}

export const readPdf = (pdf: string) => readFileSync(pdf);
