import { describeOffer, hasTemplate, renderTemplate } from './render-template';

describe('renderTemplate', () => {
  it('should fill variables per channel in Chinese by default', () => {
    const sms = renderTemplate('reactivation-default', 'sms', {
      displayName: '老王面馆',
      reason: '您已30天没有交易',
      offer: describeOffer({ kind: 'fee_discount', discountBps: 20, days: 30 }),
    });
    expect(sms.subject).toBeNull();
    expect(sms.body).toBe(
      '【商户服务】老王面馆您好，我们注意到您已30天没有交易。即日起30天内手续费率每笔立减0.20%。如需帮助请致电客服。回复TD退订',
    );
  });

  it('should render an email subject and leave unknown variables empty', () => {
    const email = renderTemplate('fee-change-notice', 'email', {
      displayName: '小李超市',
      effectiveFrom: '2026-05-01',
    });
    expect(email.subject).toBe('费率调整通知：自2026-05-01起生效');
    expect(email.body).not.toContain('{{');
  });

  it('should refuse a template without text for the channel', () => {
    expect(hasTemplate('reactivation-default', 'phone_task')).toBe(true);
    expect(hasTemplate('nope', 'sms')).toBe(false);
    expect(() => renderTemplate('nope', 'sms', {})).toThrow(RangeError);
  });
});
