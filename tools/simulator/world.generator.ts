import { CHANNELS, DEFAULT_TIMEZONE } from '@merchant-pulse/contracts';
import type { Channel } from '@merchant-pulse/contracts';
import { creditCode, mobileNumber, residentId, settlementCardNumber } from './cn-identifiers';
import { merchantNames, personName, streetAddress } from './merchant-names';
import {
  CATEGORY_PARAMS,
  CHANNEL_MIX,
  CITIES,
  CITY_CUMULATIVE,
  FIRMWARE_VERSIONS,
  TERMINAL_MODELS,
} from './rhythm.profiles';
import { Rng, pickCumulative } from './rng';
import { planPrecursors, WORLD_MIX_NAMES, WORLD_MIXES } from './precursor.planner';
import { assignScenarios } from './scenario.planner';
import type { MerchantCategory, SimMerchant, SimTerminal, TradingProfile, World } from './world.types';

/** Options of {@link generateWorld}. */
export interface WorldOptions {
  merchants: number;
  seed: number;
  acquirerId?: string;
  /** Span the scenarios are planned for (default 60 days). */
  horizonDays?: number;
  /** Scenario mix (precursor.planner.ts WORLD_MIXES; default `legacy`, the original world). */
  mix?: string;
  /** Date the run will start on, for calendar-bound plans (default 2026-09-01, the run's default). */
  start?: string;
}

/** Share of merchants per category, and of legal forms. */
const CATEGORIES: MerchantCategory[] = ['restaurant', 'restaurant', 'retail', 'retail', 'services'];
const BANKS = ['中国工商银行', '中国建设银行', '中国农业银行', '中国银行', '招商银行', '交通银行'];

/**
 * Builds the acquirer's world from a seed — pure and deterministic: the same options always give
 * the same merchants, terminals, profiles and scenarios.
 */
export function generateWorld(options: WorldOptions): World {
  const { merchants: count, seed } = options;
  const horizonDays = options.horizonDays ?? 60;
  const merchants: SimMerchant[] = [];
  for (let index = 0; index < count; index++) merchants.push(generateMerchant(seed, index));
  const mix = WORLD_MIXES[options.mix ?? 'legacy'];
  if (!mix) throw new Error(`unknown mix "${options.mix}" (one of ${WORLD_MIX_NAMES.join(', ')})`);
  const plannedTruth = assignScenarios(new Rng(seed, 0x5ce7a210), merchants, horizonDays, mix.shares);
  const world: World = {
    version: 1,
    seed,
    acquirerId: options.acquirerId ?? 'ACQ-SIM',
    horizonDays,
    merchants,
    plannedTruth,
  };
  if (mix.name === 'legacy') return world;
  const start = options.start ?? '2026-09-01';
  plannedTruth.precursors = planPrecursors(
    new Rng(seed, 0x9bec0a5e),
    merchants,
    horizonDays,
    mix,
    start,
    plannedTruth,
  );
  return { ...world, mix: mix.name, plannedStart: start };
}

/** The acquirer MID of merchant `index` of a world. */
export function merchantIdOf(seed: number, index: number): string {
  return `S${seed}-M${String(index).padStart(6, '0')}`;
}

function generateMerchant(seed: number, index: number): SimMerchant {
  const rng = new Rng(seed, 0x3e5c4a17, index);
  const category = rng.pick(CATEGORIES);
  const place = CITIES[pickCumulative(rng, CITY_CUMULATIVE)];
  const legalForm = rng.chance(0.45) ? 'individual' : rng.chance(0.5) ? 'sole_proprietor' : 'company';
  const ownerName = personName(rng);
  const names = merchantNames(rng, category, legalForm, ownerName);
  const merchantId = merchantIdOf(seed, index);
  const business = legalForm !== 'individual';
  const preferredChannel = business ? rng.pick(['sms', 'email', 'phone'] as const) : 'sms';
  const address = streetAddress(rng, place.city);
  return {
    index,
    merchantId,
    category,
    kind: business ? 'business' : 'individual',
    ...(business ? { businessType: legalForm as 'company' | 'sole_proprietor' } : {}),
    ...names,
    city: place.city,
    region: place.region,
    timezone: DEFAULT_TIMEZONE,
    contact: {
      name: ownerName,
      phone: mobileNumber(rng),
      ...(business ? { email: `${merchantId.toLowerCase()}@merchants.example.cn` } : {}),
      preferredChannel,
    },
    idNumber: residentId(rng, place.code),
    ...(business ? { creditCode: creditCode(rng, place.code, legalForm === 'sole_proprietor') } : {}),
    settlementCard: { number: settlementCardNumber(rng), bankName: rng.pick(BANKS) },
    terminalAddress: address,
    terminals: generateTerminals(rng, seed, index),
    profile: generateProfile(rng, category),
    scenario: { kind: 'healthy' },
  };
}

function generateTerminals(rng: Rng, seed: number, index: number): SimTerminal[] {
  const roll = rng.next();
  const count = roll < 0.6 ? 1 : roll < 0.9 ? 2 : 3;
  const terminals: SimTerminal[] = [];
  for (let k = 1; k <= count; k++) {
    terminals.push({
      terminalId: `S${seed}-T${String(index).padStart(6, '0')}-${k}`,
      serialNumber: `SN${seed}${String(index).padStart(6, '0')}${k}${rng.digits(4)}`,
      model: rng.pick(TERMINAL_MODELS),
      firmwareVersion: rng.pick(FIRMWARE_VERSIONS),
      weight: k === 1 ? 1 : rng.uniform(0.3, 1),
    });
  }
  return terminals;
}

function generateProfile(rng: Rng, category: MerchantCategory): TradingProfile {
  const params = CATEGORY_PARAMS[category];
  const channelWeights = {} as Record<Channel, number>;
  // Each merchant's clientele differs a little from its category's average mix.
  for (const channel of CHANNELS)
    channelWeights[channel] = CHANNEL_MIX[category][channel] * rng.uniform(0.7, 1.3);
  return {
    // Floor of 5 attempts/day: a healthy merchant never goes a month without trading by chance.
    dailyMean: Math.max(5, Math.round(rng.lognormal(params.dailyMedian, params.dailySigma) * 10) / 10),
    ticketMedianMinor: Math.round(rng.lognormal(params.ticketMedianMinor, 0.3)),
    ticketSigma: params.ticketSigma,
    channelWeights,
    declineRate: rng.uniform(0.02, 0.04),
    refundRate: rng.uniform(0.005, 0.015),
    reversalRate: rng.uniform(0.001, 0.004),
  };
}
