/** A campaign that does not exist (404). */
export class CampaignNotFoundError extends Error {
  constructor(readonly campaignId: string) {
    super(`campaign ${campaignId} not found`);
  }
}

/** A lifecycle move or an edit the campaign's status does not allow (409). */
export class CampaignStateError extends Error {}

/** A request that is well-formed but cannot be carried out (422), e.g. launching with an empty audience. */
export class CampaignRuleError extends Error {}
