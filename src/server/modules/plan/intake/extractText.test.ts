import { Document, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { documentKind, documentText } from './extractText.js';

/** A one-page PDF with a text layer: each string drawn on its own baseline, in a standard font. */
function textPdf(lines: readonly string[]): Buffer {
  const stream = lines.map((l, i) => `BT /F1 12 Tf 72 ${720 - i * 20} Td (${l}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

describe('the text of an uploaded plan', () => {
  it('tells the kind by the bytes, not the name', async () => {
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('一、总体要求')] }] }));
    expect(documentKind(docx)).toBe('docx');
    expect(documentKind(textPdf(['x']))).toBe('pdf');
    expect(documentKind(Buffer.from('到2026年，建成300个。', 'utf8'))).toBe('text');
    expect(documentKind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff, 0xfe]))).toBeNull();
  });

  it('reads a .docx paragraph by paragraph, Chinese as written', async () => {
    const lines = ['福建省推进县域商业体系建设实施方案', '一、总体要求', '到2026年，全省建设改造县级物流配送中心60个以上。'];
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: lines.map((l) => new Paragraph(l)) }] }));
    const text = await documentText('docx', docx);
    expect(text.split('\n').filter(Boolean)).toEqual(lines);
  });

  it('reads a PDF text layer one line per baseline', async () => {
    const text = await documentText('pdf', textPdf(['1. Build 60 centres by 2026', '2. Cut costs by 20%']));
    expect(text.split('\n').filter(Boolean)).toEqual(['1. Build 60 centres by 2026', '2. Cut costs by 20%']);
  });
});
