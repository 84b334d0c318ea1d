import { Global, Module } from '@nestjs/common';
import { MerchantRegistryConfig } from '../config/merchant-registry.config';
import { PiiBlindIndex } from './pii.blind-index';
import { PiiCipher, PiiKeyRing, piiKeyRingFromEnv } from '@merchant-pulse/secure-storage';
import { PiiSealer } from './pii.sealer';

/** The PII key ring (from `PII_ENCRYPTION_KEYS`), cipher, blind index and sealer, built once at boot. */
@Global()
@Module({
  providers: [
    {
      provide: PiiKeyRing,
      inject: [MerchantRegistryConfig],
      useFactory: (config: MerchantRegistryConfig) =>
        piiKeyRingFromEnv({ PII_ENCRYPTION_KEYS: config.PII_ENCRYPTION_KEYS, NODE_ENV: config.NODE_ENV }),
    },
    { provide: PiiCipher, inject: [PiiKeyRing], useFactory: (ring: PiiKeyRing) => new PiiCipher(ring) },
    {
      provide: PiiBlindIndex,
      inject: [PiiKeyRing],
      useFactory: (ring: PiiKeyRing) => new PiiBlindIndex(ring),
    },
    {
      provide: PiiSealer,
      inject: [PiiCipher, PiiBlindIndex],
      useFactory: (cipher: PiiCipher, index: PiiBlindIndex) => new PiiSealer(cipher, index),
    },
  ],
  exports: [PiiKeyRing, PiiCipher, PiiBlindIndex, PiiSealer],
})
export class PiiModule {}
