import type { FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.js';

/**
 * Reads the single uploaded file of a multipart request (field "file") into memory.
 * 415 when the request is not multipart, 400 when no file was sent, 413 when it exceeds the size limit.
 */
export async function readUploadedFile(req: FastifyRequest): Promise<{ filename: string; data: Buffer }> {
  if (!req.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'error.UNSUPPORTED_MEDIA_TYPE');
  const file = await req.file();
  if (!file) throw new AppError(400, 'VALIDATION_FAILED', 'error.VALIDATION_FAILED', {}, [{ path: 'file', reason: 'field.required' }]);
  try {
    return { filename: file.filename, data: await file.toBuffer() };
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'PAYLOAD_TOO_LARGE', 'error.PAYLOAD_TOO_LARGE');
    throw e;
  }
}
