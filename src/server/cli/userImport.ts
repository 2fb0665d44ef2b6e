import fs from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { AppDeps } from '../core/deps.js';
import { systemContext } from '../core/context.js';
import { AppError } from '../core/errors.js';
import { inTransaction } from '../db/database.js';
import { appendAudit } from '../modules/platform/audit/auditTrail.js';
import { createUserBody } from '../modules/platform/users/schema.js';
import { insertUser } from '../modules/platform/users/service.js';

/** Columns of a bulk account file (CSV or xlsx, header row first). `organization` is a name or a code. */
export const IMPORT_COLUMNS = ['username', 'displayName', 'role', 'organization', 'password', 'mobile'] as const;

export interface ImportRowError {
  row: number;
  column: string;
  message: string;
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

async function readRows(file: string): Promise<string[][]> {
  if (path.extname(file).toLowerCase() === '.xlsx') {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    if (!sheet) return [];
    const rows: string[][] = [];
    sheet.eachRow((r) => {
      const values = (r.values as unknown[]).slice(1).map(cellText);
      rows.push(values);
    });
    return rows;
  }
  return parseCsv((await fs.readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
}

/** Imports every row or none: all rows are checked first, and written in one transaction. */
export async function importUsers(deps: AppDeps, file: string): Promise<{ created: number; errors: ImportRowError[] }> {
  const [header, ...body] = await readRows(file);
  if (!header) return { created: 0, errors: [{ row: 1, column: '', message: 'empty file' }] };
  const index = new Map(header.map((h, i) => [h.trim(), i]));
  const missing = IMPORT_COLUMNS.filter((c) => c !== 'mobile' && !index.has(c));
  if (missing.length) return { created: 0, errors: missing.map((c) => ({ row: 1, column: c, message: 'missing column' })) };
  const orgs = await deps.database.db.selectFrom('organizations').select(['id', 'name', 'code']).execute();
  const orgByKey = new Map<string, number>();
  for (const o of orgs) {
    orgByKey.set(o.name, Number(o.id));
    orgByKey.set(o.code, Number(o.id));
  }
  const errors: ImportRowError[] = [];
  const inputs: z.infer<typeof createUserBody>[] = [];
  const seen = new Set<string>();
  body.forEach((cells, i) => {
    const rowNo = i + 2;
    const get = (c: string) => (index.has(c) ? (cells[index.get(c)!] ?? '').trim() : '');
    const organizationId = orgByKey.get(get('organization'));
    if (organizationId === undefined) errors.push({ row: rowNo, column: 'organization', message: 'unknown organisation' });
    const parsed = createUserBody.safeParse({
      username: get('username'),
      displayName: get('displayName'),
      role: get('role'),
      organizationId: organizationId ?? 1,
      password: get('password'),
      ...(get('mobile') ? { mobile: get('mobile') } : {}),
      mustChangePassword: true,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ row: rowNo, column: String(issue.path[0] ?? ''), message: issue.message });
      return;
    }
    if (seen.has(parsed.data.username)) errors.push({ row: rowNo, column: 'username', message: 'duplicate in file' });
    seen.add(parsed.data.username);
    inputs.push(parsed.data);
  });
  if (errors.length) return { created: 0, errors };
  try {
    await inTransaction(deps.database, async (tx) => {
      for (const [i, input] of inputs.entries()) {
        try {
          const id = await insertUser(tx, deps, input);
          await appendAudit(tx, systemContext('cli'), {
            entity: 'user',
            entityId: id,
            action: 'import',
            organizationId: input.organizationId,
            after: { username: input.username, role: input.role },
          });
        } catch (e) {
          if (e instanceof AppError) {
            errors.push(...e.fields.map((f) => ({ row: i + 2, column: f.path, message: f.reason })));
            if (!e.fields.length) errors.push({ row: i + 2, column: '', message: e.code });
          }
          throw e;
        }
      }
    });
  } catch (e) {
    if (errors.length) return { created: 0, errors };
    throw e;
  }
  return { created: inputs.length, errors: [] };
}

/** What a spreadsheet cell reads as: rich text and links by their text, dates as ISO, numbers as written. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return 'text' in v && typeof v.text === 'string' ? v.text : JSON.stringify(v);
  return String(v as string | number | boolean);
}
