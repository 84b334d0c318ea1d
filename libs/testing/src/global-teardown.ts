/** Once per integration run, after the last test: stops the containers of `PULSE_TEST_SERVERS=testcontainers`. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __pulseContainers?: { stop(): Promise<void> } }).__pulseContainers?.stop();
}
