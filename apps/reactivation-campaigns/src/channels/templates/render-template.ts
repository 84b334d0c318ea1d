import type { OutreachChannel } from '@merchant-pulse/contracts';
import type { OfferSpec } from '../../outreach/outreach-scheduler';
import { OUTREACH_TEMPLATES } from './outreach-templates';

/** A template rendered for one channel: what is sent, and stored on the send record. */
export interface RenderedMessage {
  subject: string | null;
  body: string;
}

/** An offer in words (zh-CN), for the `{{offer}}` variable. */
export function describeOffer(offer: OfferSpec | undefined): string {
  if (!offer) return '';
  switch (offer.kind) {
    case 'fee_discount':
      return `即日起${offer.days}天内手续费率每笔立减${(offer.discountBps / 100).toFixed(2)}%。`;
    case 'month_waived':
      return '免收一个月手续费。';
    case 'device_check':
      return '可预约免费上门检测收款设备。';
    case 'training':
      return '可预约免费收银培训。';
  }
}

/** Whether the catalogue has text for this template and channel. */
export function hasTemplate(templateId: string, channel: OutreachChannel): boolean {
  return OUTREACH_TEMPLATES[templateId]?.[channel] !== undefined;
}

/**
 * Renders a template for one channel. Unknown variables render as empty text (a template may use fewer
 * variables than a campaign fixes); an unknown template or channel is a programming error.
 */
export function renderTemplate(
  templateId: string,
  channel: OutreachChannel,
  variables: Record<string, string | number>,
): RenderedMessage {
  const template = OUTREACH_TEMPLATES[templateId]?.[channel];
  if (!template) throw new RangeError(`template ${templateId} has no ${channel} text`);
  const fill = (text: string): string =>
    text.replace(/\{\{(\w+)\}\}/g, (_, name: string) =>
      variables[name] === undefined ? '' : String(variables[name]),
    );
  return { subject: template.subject ? fill(template.subject) : null, body: fill(template.body) };
}
