import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * KYC documents are encrypted at rest with the PII key ring: each record names the key its object is
 * encrypted under (null: stored before encryption, in plaintext — the re-encryption job encrypts it).
 */
export class DocumentKeyIds1764600000000 implements MigrationInterface {
  name = 'DocumentKeyIds1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE merchant_documents ADD COLUMN key_id text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE merchant_documents DROP COLUMN key_id`);
  }
}
