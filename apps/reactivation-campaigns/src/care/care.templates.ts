import type { OutreachTemplate } from '../channels/templates/outreach-templates';

/**
 * Templates of the care programme (zh-CN), merged into the outreach catalogue. Variables: `displayName`,
 * `reason`, `offer`, the visit's `visitReason`, the survey's `surveyUrl`, `quarter` and `expiresOn`.
 * Service messages (visits, surveys) carry no opt-out; the training invitation is marketing and does.
 */
export const CARE_TEMPLATES: Readonly<Record<string, OutreachTemplate>> = {
  'care-return-visit': {
    sms: {
      body:
        '【商户服务】{{displayName}}您好，感谢您选择我们的收款服务（{{visitReason}}）。' +
        '使用中如有任何问题或建议，请致电客服，我们将尽快为您处理。',
    },
    email: {
      subject: '{{displayName}}，收款服务回访',
      body:
        '{{displayName}}您好：\n\n感谢您选择我们的收款服务（{{visitReason}}）。\n\n' +
        '设备、网络、到账或费率方面如有任何问题或建议，欢迎直接回复本邮件，我们将尽快为您处理。\n\n商户服务团队',
    },
    phone_task: {
      body:
        '回访{{displayName}}（{{visitReason}}）：1. 问候并感谢使用；2. 询问设备、网络、到账是否正常；' +
        '3. 了解经营需求（扫码收款、增加终端、费率疑问）；4. 如有投诉，记录类别与经过并转售后工单；' +
        '5. 询问是否需要收银/扫码培训。记录结果。',
    },
  },
  'care-satisfaction-survey': {
    sms: {
      body:
        '【商户服务】{{displayName}}您好，邀请您参加{{quarter}}满意度调查（1-5分，约1分钟）：{{surveyUrl}} ' +
        '链接仅可使用一次，{{expiresOn}}前有效。',
    },
    email: {
      subject: '{{displayName}}，{{quarter}}收款服务满意度调查',
      body:
        '{{displayName}}您好：\n\n为持续改进服务，邀请您为本季度的收款服务打分（1-5分，可附意见）：\n{{surveyUrl}}\n\n' +
        '链接仅可使用一次，{{expiresOn}}前有效。\n\n商户服务团队',
    },
  },
  'care-survey-follow-up': {
    phone_task: {
      body:
        '满意度回访{{displayName}}：商户在满意度调查中打了{{score}}分（{{comment}}）。致歉并了解原因，' +
        '能当场解决的当场解决；设备、网络、费率问题记录为投诉转售后工单。记录结果。',
    },
  },
  'ticket-csat-survey': {
    sms: {
      body: '【商户服务】{{displayName}}您好，您的售后工单已处理完毕，请为本次服务打分：{{surveyUrl}} {{expiresOn}}前有效。',
    },
    email: {
      subject: '{{displayName}}，请为本次售后服务打分',
      body:
        '{{displayName}}您好：\n\n您的售后工单已处理完毕。请花1分钟为本次服务打分：\n{{surveyUrl}}\n\n' +
        '链接仅可使用一次，{{expiresOn}}前有效。\n\n商户服务团队',
    },
  },
  'care-training-offer': {
    sms: {
      body: '【商户服务】{{displayName}}您好，您的终端支持微信、支付宝和云闪付扫码收款。{{offer}}欢迎致电预约。回复TD退订',
    },
    email: {
      subject: '{{displayName}}，免费扫码收款培训邀请',
      body:
        '{{displayName}}您好：\n\n我们注意到{{reason}}。您的终端已支持微信、支付宝和云闪付扫码收款，' +
        '顾客付款更方便、费率更低。{{offer}}\n\n欢迎回复本邮件预约时间。\n\n商户服务团队',
    },
    phone_task: {
      body: '致电{{displayName}}：{{reason}}。介绍扫码收款（微信、支付宝、云闪付）的好处和费率，{{offer}}记录结果。',
    },
  },
};
