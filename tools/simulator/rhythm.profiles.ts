import type { Channel } from '@merchant-pulse/contracts';
import { cumulativeOf } from './rng';
import type { MerchantCategory } from './world.types';

/** Response code of an approved authorisation (ISO 8583 field 39). */
export const APPROVED_RESPONSE_CODE = '00';
/** Issuer decline codes used by the simulator: do not honour, insufficient funds, wrong PIN. */
export const ISSUER_DECLINE_CODES = ['05', '05', '05', '51', '51', '55'] as const;
/**
 * Card-read failure: the terminal could not read the chip/stripe/contactless card, so no issuer
 * decision was made. Sent with `status: 'declined'`. Not an ISO 8583 issuer code on purpose, so it
 * can never be confused with an issuer decline; ingestion counts it as a card-read failure.
 */
export const CARD_READ_FAILURE_RESPONSE_CODE = 'CR';
/** Baseline card-read failure rate of a healthy terminal (dirty cards, worn stripes). */
export const BASELINE_CARD_READ_FAILURE_RATE = 0.002;

/** Relative volume per local hour 0–23 for one category. */
const HOURLY: Record<MerchantCategory, number[]> = {
  // Breakfast bump, strong lunch (11–13) and dinner (17–20) peaks, a little late-night trade.
  restaurant: [1, 0.5, 0.2, 0, 0, 0, 1, 4, 5, 3, 3, 14, 22, 12, 3, 2, 3, 12, 20, 16, 6, 4, 3, 2],
  // Opens mid-morning, builds through the afternoon (14–18), evening shoppers until 22.
  retail: [0, 0, 0, 0, 0, 0, 0, 0.5, 2, 5, 7, 8, 8, 8, 11, 12, 12, 12, 10, 9, 8, 6, 3, 1],
  // Office hours, dip at lunch.
  services: [0, 0, 0, 0, 0, 0, 0, 0, 2, 10, 12, 11, 6, 6, 11, 11, 10, 8, 3, 1, 0.5, 0, 0, 0],
};

/** Cumulative hourly tables per category, for fast sampling. */
export const HOURLY_CUMULATIVE: Record<MerchantCategory, number[]> = {
  restaurant: cumulativeOf(HOURLY.restaurant),
  retail: cumulativeOf(HOURLY.retail),
  services: cumulativeOf(HOURLY.services),
};

/** Volume multiplier per ISO weekday, index 0 = Monday … 6 = Sunday. */
export const WEEKDAY_FACTOR: Record<MerchantCategory, number[]> = {
  restaurant: [0.85, 0.85, 0.9, 0.95, 1.15, 1.4, 1.3],
  retail: [0.85, 0.85, 0.9, 0.95, 1.05, 1.35, 1.3],
  services: [1.2, 1.2, 1.2, 1.2, 1.1, 0.4, 0.15],
};

/** Category parameters: daily attempts (median, lognormal sigma across merchants) and tickets in fen. */
export const CATEGORY_PARAMS: Record<
  MerchantCategory,
  { dailyMedian: number; dailySigma: number; ticketMedianMinor: number; ticketSigma: number }
> = {
  restaurant: { dailyMedian: 70, dailySigma: 0.5, ticketMedianMinor: 6_500, ticketSigma: 0.6 },
  retail: { dailyMedian: 60, dailySigma: 0.6, ticketMedianMinor: 4_500, ticketSigma: 0.9 },
  services: { dailyMedian: 18, dailySigma: 0.4, ticketMedianMinor: 15_000, ticketSigma: 0.8 },
};

/** Channel mix per category: Alipay and WeChat QR dominate, retail and services see more cards. */
export const CHANNEL_MIX: Record<MerchantCategory, Record<Channel, number>> = {
  restaurant: { qr_alipay: 38, qr_wechat: 44, credit: 6, debit: 8, unionpay_qr: 4 },
  retail: { qr_alipay: 36, qr_wechat: 36, credit: 11, debit: 12, unionpay_qr: 5 },
  services: { qr_alipay: 30, qr_wechat: 30, credit: 18, debit: 17, unionpay_qr: 5 },
};

/** Entry modes of card-present channels: chip, contactless (Quick Pass), swipe, manual. */
export const CARD_ENTRY_MODES = ['chip', 'contactless', 'swipe', 'manual'] as const;
export const CARD_ENTRY_CUMULATIVE = cumulativeOf([55, 35, 8, 2]);

/** Cities of the simulated acquirer, with province, GB/T 2260 district code and weight. */
export const CITIES = [
  { city: 'Shanghai', region: 'Shanghai', code: '310115', weight: 14 },
  { city: 'Beijing', region: 'Beijing', code: '110105', weight: 13 },
  { city: 'Guangzhou', region: 'Guangdong', code: '440106', weight: 10 },
  { city: 'Shenzhen', region: 'Guangdong', code: '440305', weight: 10 },
  { city: 'Hangzhou', region: 'Zhejiang', code: '330106', weight: 8 },
  { city: 'Chengdu', region: 'Sichuan', code: '510107', weight: 8 },
  { city: 'Wuhan', region: 'Hubei', code: '420106', weight: 6 },
  { city: 'Nanjing', region: 'Jiangsu', code: '320106', weight: 6 },
  { city: "Xi'an", region: 'Shaanxi', code: '610113', weight: 5 },
  { city: 'Chongqing', region: 'Chongqing', code: '500103', weight: 7 },
  { city: 'Tianjin', region: 'Tianjin', code: '120101', weight: 5 },
  { city: 'Suzhou', region: 'Jiangsu', code: '320505', weight: 5 },
] as const;
export const CITY_CUMULATIVE = cumulativeOf(CITIES.map((c) => c.weight));

/** Terminal models and firmware the simulated acquirer deploys. */
export const TERMINAL_MODELS = ['PAX A920', 'PAX S920', 'Newland N910', 'Sunmi P2', 'Centerm K9'] as const;
export const FIRMWARE_VERSIONS = ['3.2.1', '3.4.0', '4.0.2', '4.1.0'] as const;
