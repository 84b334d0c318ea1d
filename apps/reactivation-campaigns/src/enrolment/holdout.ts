import { createHash } from 'node:crypto';
import type { CampaignArm } from '@merchant-pulse/contracts';

/**
 * A uniform draw in [0, 1) fixed by (campaign, legal entity): the first 48 bits of
 * sha256("<campaignId>|<legalEntityId>"). Every store of one legal entity gets the same draw, so a
 * chain is never split across arms, and another campaign draws independently.
 */
export function holdoutDraw(campaignId: string, legalEntityId: string): number {
  const digest = createHash('sha256').update(`${campaignId}|${legalEntityId}`, 'utf8').digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/** The arm of a legal entity in a campaign: holdout when its draw falls below the holdout share. */
export function assignArm(campaignId: string, legalEntityId: string, holdoutShare: number): CampaignArm {
  return holdoutDraw(campaignId, legalEntityId) < holdoutShare ? 'holdout' : 'treatment';
}
