import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Where uploaded evidence lives. Disk by default; an object store implements the same three calls. */
export interface FileStorage {
  put(data: Buffer): Promise<{ key: string; sha256: string }>;
  get(key: string): Promise<Buffer>;
  remove(key: string): Promise<void>;
}

export function createDiskStorage(root: string): FileStorage {
  const resolve = (key: string) => {
    if (!/^[0-9a-f]{2}\/[0-9a-f-]{36}$/.test(key)) throw new Error('Invalid storage key');
    return path.join(root, key);
  };
  return {
    async put(data) {
      const sha256 = createHash('sha256').update(data).digest('hex');
      const id = randomUUID();
      const key = `${sha256.slice(0, 2)}/${id}`;
      await fs.mkdir(path.join(root, sha256.slice(0, 2)), { recursive: true });
      await fs.writeFile(resolve(key), data, { flag: 'wx' });
      return { key, sha256 };
    },
    get: (key) => fs.readFile(resolve(key)),
    remove: (key) => fs.rm(resolve(key), { force: true }),
  };
}
