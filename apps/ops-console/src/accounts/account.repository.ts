import { Injectable } from '@nestjs/common';
import { compare } from 'bcryptjs';
import { ConsoleAccount } from '../config/console-users';
import { OpsConsoleConfig } from '../config/ops-console.config';

/** A bcrypt hash of nothing anyone types: unknown usernames cost as much as wrong passwords. */
const TIMING_DUMMY_HASH = '$2b$10$hVekGHpwh32hGXLCAhbj7OPCyXmDhl.TWAVGdQWutCcw6KOqqBWUW';

/** The local accounts from configuration (`CONSOLE_USERS`). */
@Injectable()
export class AccountRepository {
  private readonly byUsername: ReadonlyMap<string, ConsoleAccount>;

  constructor(config: OpsConsoleConfig) {
    this.byUsername = new Map(config.accounts.map((account) => [account.username, account]));
  }

  find(username: string): ConsoleAccount | undefined {
    return this.byUsername.get(username);
  }

  /** The account when `password` is its password; always spends one bcrypt comparison. */
  async verify(username: string, password: string): Promise<ConsoleAccount | undefined> {
    const account = this.byUsername.get(username);
    const matches = await compare(password, account?.passwordHash ?? TIMING_DUMMY_HASH);
    return account && matches ? account : undefined;
  }
}
