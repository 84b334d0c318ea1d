// Loaded before every unit test file (jest.config.js `setupFiles`). fast-check prints the seed and
// path of a failing property ("{ seed: 1234, path: "5:2" }"); replay it exactly with
//   FC_SEED=1234 FC_PATH=5:2 npx jest <file> --selectProjects unit -t '<test name>'
// (FC_PATH only with -t: a path belongs to one property).
import fc from 'fast-check';

const seed = process.env.FC_SEED;
const path = process.env.FC_PATH;
if (seed !== undefined && seed !== '') {
  if (!/^-?\d+$/.test(seed)) throw new Error(`FC_SEED must be an integer, got "${seed}"`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(seed), ...(path ? { path } : {}) });
}
