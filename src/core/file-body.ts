// A file answered by an operation (an invoice PDF, a report CSV): the bytes,
// their type and the name a browser saves them under.
export class FileBody {
  readonly bytes: Buffer;
  readonly contentType: string;
  readonly filename: string;
  constructor(bytes: Buffer, contentType: string, filename: string) {
    this.bytes = bytes;
    this.contentType = contentType;
    this.filename = filename;
  }
}
