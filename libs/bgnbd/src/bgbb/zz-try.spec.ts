import { fitBgBb } from './bgbb.fit';
import { simulateBgBb } from './bgbb.simulator';
it('try', () => {
  let t = performance.now();
  const patterns = simulateBgBb({ alpha: 6, beta: 2, gamma: 0.8, delta: 60 }, 20000, 90, 0, 7).map(
    ({ history }) => ({ ...history, count: 1 }),
  );
  console.log('sim', performance.now() - t);
  const fit = fitBgBb(patterns);
  console.log(JSON.stringify(fit));
});
