import type { OutreachChannel } from '@merchant-pulse/contracts';
import { CARE_TEMPLATES } from '../../care/care.templates';

/** One channel's text of a template: `{{name}}` placeholders; a subject for email. */
export interface ChannelTemplate {
  subject?: string;
  body: string;
}

/** A template per channel (zh-CN by default); a channel without text cannot send the template. */
export type OutreachTemplate = Partial<Record<OutreachChannel, ChannelTemplate>>;

/**
 * The template catalogue. Variables: `displayName`, `reason`, `offer` (the step's offer in words,
 * empty without one), and for fee-change notices `effectiveFrom`, `oldMonthlyFeeYuan`,
 * `newMonthlyFeeYuan`, `changeReason`, `compensation`. SMS carries the opt-out the regulator requires.
 */
export const OUTREACH_TEMPLATES: Readonly<Record<string, OutreachTemplate>> = {
  // The care programme's visits, surveys and training offers (care/care.templates.ts).
  ...CARE_TEMPLATES,
  'reactivation-default': {
    sms: {
      body: '【商户服务】{{displayName}}您好，我们注意到{{reason}}。{{offer}}如需帮助请致电客服。回复TD退订',
    },
    email: {
      subject: '{{displayName}}，您的收款服务有新的优惠',
      body:
        '{{displayName}}您好：\n\n我们注意到{{reason}}。为感谢您一直以来的支持，{{offer}}\n\n' +
        '如收款设备有任何问题，我们可以安排免费检测。\n\n商户服务团队',
    },
    phone_task: {
      body:
        '致电{{displayName}}：问候并了解经营近况（{{reason}}）。介绍优惠：{{offer}}' +
        '询问设备和网络是否正常；如有故障，转售后。记录结果。',
    },
  },
  'reactivation-training': {
    sms: { body: '【商户服务】{{displayName}}您好，{{offer}}欢迎预约免费收银培训。回复TD退订' },
    email: {
      subject: '{{displayName}}，免费收银培训邀请',
      body: '{{displayName}}您好：\n\n{{offer}}欢迎回复本邮件预约时间。\n\n商户服务团队',
    },
    phone_task: { body: '致电{{displayName}}：邀请参加免费收银培训（{{reason}}）。{{offer}}记录结果。' },
  },
  'fee-change-notice': {
    sms: {
      body:
        '【商户服务】{{displayName}}您好，因{{changeReason}}，您的刷卡手续费率将于{{effectiveFrom}}起调整。' +
        '按您近30天的交易，月手续费约由{{oldMonthlyFeeYuan}}元变为{{newMonthlyFeeYuan}}元。{{compensation}}{{offer}}',
    },
    email: {
      subject: '费率调整通知：自{{effectiveFrom}}起生效',
      body:
        '{{displayName}}您好：\n\n因{{changeReason}}，您的收款手续费率将于{{effectiveFrom}}起调整。\n\n' +
        '按您近30天的交易结构估算：\n  调整前：约{{oldMonthlyFeeYuan}}元/月\n  调整后：约{{newMonthlyFeeYuan}}元/月\n\n' +
        '{{compensation}}{{offer}}\n\n如有疑问，请联系您的客户经理。\n\n商户服务团队',
    },
    phone_task: {
      body:
        '致电{{displayName}}：说明费率调整原因（{{changeReason}}）及生效日期{{effectiveFrom}}；' +
        '按其交易结构，月手续费约{{oldMonthlyFeeYuan}}元→{{newMonthlyFeeYuan}}元。介绍补偿：{{compensation}}{{offer}}记录反馈。',
    },
  },
};
