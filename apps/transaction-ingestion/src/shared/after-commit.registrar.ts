import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AfterCommitSubscriber } from './on-commit';

/** Registers the {@link AfterCommitSubscriber} on the service's data source at boot. */
@Injectable()
export class AfterCommitRegistrar implements OnModuleInit {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    if (!this.dataSource.subscribers.some((s) => s instanceof AfterCommitSubscriber)) {
      this.dataSource.subscribers.push(new AfterCommitSubscriber());
    }
  }
}
