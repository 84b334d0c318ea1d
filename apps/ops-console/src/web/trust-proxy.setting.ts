import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { OpsConsoleConfig } from '../config/ops-console.config';

/** Applies `TRUST_PROXY` to Express, so `request.ip` is the client's behind an ingress. */
@Injectable()
export class TrustProxySetting implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: OpsConsoleConfig,
  ) {}

  onModuleInit(): void {
    const instance = this.adapterHost.httpAdapter?.getInstance?.() as {
      set?: (k: string, v: unknown) => void;
    };
    instance?.set?.(
      'trust proxy',
      this.config.TRUST_PROXY === 'false' ? false : Number(this.config.TRUST_PROXY),
    );
  }
}
