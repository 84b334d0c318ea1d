// Integration tests talk to real servers on a shared 2-core machine: 60 s per test unless the file
// sets its own `jest.setTimeout`. (`testTimeout` in a Jest project config is ignored — it is a
// global option — so without this the integration project ran with Jest's 5 s default.)
jest.setTimeout(60_000);
