import { blockedReason, currentlyDue, requiredDocuments } from './merchant-requirements';

describe('merchant requirements', () => {
  const facts = { hasPhone: true, hasCreditCode: true, hasTerminalAddress: true, uploaded: [] as never[] };

  it('should require no corporate account when the business is a sole proprietor', () => {
    expect(requiredDocuments('business', 'sole_proprietor')).not.toContain('corporate_account');
    expect(requiredDocuments('business', 'company')).toContain('corporate_account');
    expect(requiredDocuments('individual', null)).toEqual([
      'id_card_front',
      'id_card_back',
      'settlement_card',
    ]);
  });

  it('should list store photos, credit code and terminal address keys when they are missing', () => {
    const due = currentlyDue({
      ...facts,
      kind: 'business',
      businessType: 'company',
      hasCreditCode: false,
      hasTerminalAddress: false,
      uploaded: ['business_licence', 'store_photo_storefront'],
    });
    expect(due).toContain('store_photos.cashier');
    expect(due).not.toContain('store_photos.storefront');
    expect(due).toContain('business.credit_code');
    expect(due).toContain('terminal_address');
  });

  it('should report nothing due and no block when an active merchant has everything', () => {
    const due = currentlyDue({
      ...facts,
      kind: 'individual',
      businessType: null,
      uploaded: ['id_card_front', 'id_card_back', 'settlement_card'],
    });
    expect(due).toEqual([]);
    expect(blockedReason('active', due)).toBeNull();
    expect(blockedReason('draft', ['documents.id_card_back'])).toBe('requirements.currently_due');
  });
});
