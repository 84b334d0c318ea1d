import { Rng } from './rng';
import type { MerchantCategory } from './world.types';

/*
 * Plausible Chinese person and shop names for simulated merchants (display only; nothing parses them).
 */
const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '华',
  '平',
  '秀英',
];
const BRANDS = [
  '味道',
  '鑫源',
  '福满',
  '长青',
  '金桥',
  '和顺',
  '嘉禾',
  '佳美',
  '宏达',
  '永兴',
  '好运',
  '老街',
  '新概念',
  '百味',
];
const SHOP_TYPES: Record<MerchantCategory, string[]> = {
  restaurant: ['面馆', '小吃店', '火锅店', '餐厅', '饺子馆', '茶餐厅', '烧烤店'],
  retail: ['便利店', '超市', '水果店', '服装店', '文具店', '花店', '烟酒店'],
  services: ['美发店', '洗衣店', '维修部', '美容院', '诊所', '健身工作室', '摄影馆'],
};
const INDUSTRY: Record<MerchantCategory, string> = {
  restaurant: '餐饮管理',
  retail: '商贸',
  services: '生活服务',
};
const STREETS = ['人民路', '解放路', '中山路', '建设路', '和平街', '文化路', '新华路', '长江路'];

/** A person's full name (surname + given name). */
export function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN);
}

/** Legal and display names for a merchant of a category and legal form. */
export function merchantNames(
  rng: Rng,
  category: MerchantCategory,
  legalForm: 'individual' | 'company' | 'sole_proprietor',
  ownerName: string,
): { legalName: string; displayName: string } {
  const brand = rng.pick(BRANDS);
  const shop = rng.pick(SHOP_TYPES[category]);
  const displayName = `${brand}${shop}`;
  if (legalForm === 'company') return { legalName: `${brand}${INDUSTRY[category]}有限公司`, displayName };
  if (legalForm === 'sole_proprietor') return { legalName: `${ownerName[0]}记${brand}${shop}`, displayName };
  return { legalName: ownerName, displayName: `${ownerName[0]}记${shop}` };
}

/** A street address in a city. */
export function streetAddress(rng: Rng, city: string): string {
  return `${city} ${rng.pick(STREETS)}${rng.int(1, 999)}号`;
}
