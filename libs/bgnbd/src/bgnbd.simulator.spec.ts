import { expectedTransactions, probabilityOfPurchases } from './bgnbd.predictions';
import { sampleBeta, sampleGamma, seededRandom, simulateBgNbd } from './bgnbd.simulator';

const PARAMS = { r: 0.6, alpha: 3, a: 0.9, b: 2.2 };

describe(simulateBgNbd.name, () => {
  it('should produce the same customers when the seed is the same', () => {
    const ageOf = () => 30;
    expect(simulateBgNbd(PARAMS, 50, ageOf, 7)).toEqual(simulateBgNbd(PARAMS, 50, ageOf, 7));
    expect(simulateBgNbd(PARAMS, 50, ageOf, 7)).not.toEqual(simulateBgNbd(PARAMS, 50, ageOf, 8));
  });

  it('should match the model’s E[X(T)] and P(X(T)=0) when many customers share one age', () => {
    const T = 30;
    const customers = simulateBgNbd(PARAMS, 40000, () => T, 3);
    const meanX = customers.reduce((sum, c) => sum + c.x, 0) / customers.length;
    const shareZero = customers.filter((c) => c.x === 0).length / customers.length;
    expect(Math.abs(meanX / expectedTransactions(PARAMS, T) - 1)).toBeLessThan(0.03);
    expect(Math.abs(shareZero - probabilityOfPurchases(PARAMS, T, 0))).toBeLessThan(0.01);
    expect(customers.every((c) => c.tx <= c.T && (c.x > 0 || c.tx === 0))).toBe(true);
  });
});

describe(sampleGamma.name, () => {
  it.each([0.3, 1, 4.5])('should have mean and variance equal to the shape when shape = %p', (shape) => {
    const random = seededRandom(11);
    const draws = Array.from({ length: 50000 }, () => sampleGamma(shape, random));
    const mean = draws.reduce((s, v) => s + v, 0) / draws.length;
    const variance = draws.reduce((s, v) => s + (v - mean) ** 2, 0) / draws.length;
    expect(Math.abs(mean / shape - 1)).toBeLessThan(0.03);
    expect(Math.abs(variance / shape - 1)).toBeLessThan(0.08);
  });
});

describe(sampleBeta.name, () => {
  it('should have mean a/(a+b) when a = 0.8 and b = 2.5', () => {
    const random = seededRandom(5);
    const draws = Array.from({ length: 50000 }, () => sampleBeta(0.8, 2.5, random));
    expect(draws.reduce((s, v) => s + v, 0) / draws.length).toBeCloseTo(0.8 / 3.3, 2);
  });
});
