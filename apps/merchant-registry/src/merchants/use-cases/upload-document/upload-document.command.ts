import type { DocumentType } from '../../merchant.vocabulary';

/** Store one KYC document of a merchant (the raw bytes as uploaded). */
export interface UploadDocumentCommand {
  merchantId: string;
  type: DocumentType;
  mediaType: string;
  bytes: Buffer;
}
