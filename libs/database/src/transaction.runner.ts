import { Injectable } from '@nestjs/common';
import { withTransaction } from './transaction';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a unit of work in one database transaction; use cases depend on this seam (not on the
 * DataSource), so unit tests run them with an in-memory runner.
 */
@Injectable()
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  /** Commits when `work` resolves, rolls back when it throws. */
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return withTransaction(this.dataSource, work);
  }

  /** The non-transactional manager, for single reads. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }
}
