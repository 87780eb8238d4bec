// multipart/form-data bodies (Zoom's file uploads). Only operations whose
// contract entry says `"body": "multipart"` read one; the parts become the
// handler's `input.body`: each file under its field name as
// `{ filename, mimetype, data }`, each plain field as its string value.
import type { FastifyRequest } from 'fastify';
import { Errors, ZoomError } from './errors.ts';

export interface UploadedFile {
  filename: string;
  mimetype: string;
  data: Buffer;
}

export type MultipartBody = Record<string, UploadedFile | string>;

/** The largest file any upload accepts (Zoom's virtual backgrounds: 15 MB); operations check their own lower limits. */
export const MULTIPART_FILE_LIMIT = 15 * 1024 * 1024;

interface MultipartPart {
  type: 'file' | 'field';
  fieldname: string;
  filename?: string;
  mimetype?: string;
  value?: unknown;
  toBuffer?: () => Promise<Buffer>;
}

interface MultipartRequest {
  isMultipart(): boolean;
  parts(options: { limits: Record<string, number> }): AsyncIterable<MultipartPart>;
}

export const isUploadedFile = (v: unknown): v is UploadedFile =>
  typeof v === 'object' && v !== null && Buffer.isBuffer((v as UploadedFile).data);

/**
 * Reads a multipart body, or answers undefined when the request is not
 * multipart (the operation then sees no file and answers Zoom's "no file").
 */
export async function readMultipart(req: FastifyRequest, fileLimit: number = MULTIPART_FILE_LIMIT): Promise<MultipartBody | undefined> {
  const r = req as unknown as MultipartRequest;
  if (typeof r.isMultipart !== 'function' || !r.isMultipart()) return undefined;
  const body: MultipartBody = Object.create(null) as MultipartBody;
  try {
    for await (const part of r.parts({ limits: { fileSize: fileLimit, files: 1, fields: 20, fieldSize: 64 * 1024, parts: 21 } })) {
      if (part.fieldname === '__proto__') continue;
      if (part.type === 'file') {
        body[part.fieldname] = { filename: part.filename ?? '', mimetype: (part.mimetype ?? '').toLowerCase(), data: await part.toBuffer!() };
      } else {
        body[part.fieldname] = String(part.value ?? '');
      }
    }
  } catch (err) {
    if (err instanceof ZoomError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw Errors.fileTooLarge(`${Math.floor(fileLimit / (1024 * 1024))}M`);
    if (code === 'FST_FILES_LIMIT') throw Errors.badRequest('Only one file can be uploaded per request.');
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw Errors.badRequest('Too many form fields.');
    throw Errors.badRequest('The multipart body could not be read.');
  }
  return { ...body };
}
