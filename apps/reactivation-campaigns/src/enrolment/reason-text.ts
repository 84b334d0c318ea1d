/** zh-CN phrases for the `reason` template variable, by risk reason code (templates say "我们注意到{{reason}}"). */
const REASON_TEXT: Record<string, string> = {
  no_transactions: '您的收款终端近期没有交易',
  volume_drop: '您近期的收款金额明显下降',
  frequency_drop: '您近期的收款笔数明显减少',
  low_p_alive: '您近期的收款活跃度较低',
  card_read_failures: '您的终端近期读卡失败较多',
  declines: '您的终端近期拒付较多',
  open_tickets: '您有尚未解决的服务工单',
};

/** The template `reason` of a merchant's first risk reason (a neutral phrase for unknown codes). */
export function reasonText(code: string | undefined): string {
  return (code && REASON_TEXT[code]) || '您近期的经营情况有所变化';
}
