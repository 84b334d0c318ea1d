/** Media types accepted as ticket attachments (photos of the terminal or receipts, PDFs of statements). */
export const ATTACHMENT_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;

/**
 * The media type of bytes by their magic numbers (never by the client's Content-Type or file name), via
 * the `file-type` package (ESM only, so loaded with a dynamic import). Undefined when unrecognised.
 */
export class AttachmentTypeDetector {
  async detect(bytes: Buffer): Promise<string | undefined> {
    const { fileTypeFromBuffer } = await import('file-type');
    return (await fileTypeFromBuffer(bytes))?.mime;
  }
}
