import type { IsolationLevel, SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";

/**
 * Prisma's better-sqlite3 adapter keeps one connection. It queues
 * transactions behind each other, but a query made outside a transaction runs
 * at once on that same connection — inside whichever transaction is open. Its
 * write then commits or rolls back with that other transaction (an order
 * change, say, undone by someone else's refused payout), and it reads that
 * transaction's uncommitted rows.
 *
 * This wrapper makes a query outside a transaction wait until no transaction
 * is open, as a separate connection would. A query that a transaction's own
 * code makes on the client instead of the transaction would now wait for that
 * transaction: Prisma's transaction timeout ends it with an error rather than
 * committing it by accident.
 */
export function serializedSqlite(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => new SerializedAdapter(await factory.connect()),
  };
}

class SerializedAdapter implements SqlDriverAdapter {
  readonly provider;
  readonly adapterName;
  /** optional in the interface: offered only where the inner adapter has it */
  readonly getConnectionInfo: SqlDriverAdapter["getConnectionInfo"];
  /** settles when the open transaction ends; undefined while none is open */
  private open?: Promise<void>;

  constructor(private inner: SqlDriverAdapter) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
    this.getConnectionInfo = inner.getConnectionInfo?.bind(inner);
  }


  private async noTransaction(): Promise<void> {
    while (this.open) await this.open;
  }

  async queryRaw(query: SqlQuery) {
    await this.noTransaction();
    return this.inner.queryRaw(query); // synchronous underneath: done before any transaction can begin
  }

  async executeRaw(query: SqlQuery) {
    await this.noTransaction();
    return this.inner.executeRaw(query);
  }

  async executeScript(script: string) {
    await this.noTransaction();
    return this.inner.executeScript(script);
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    await this.noTransaction();
    // claimed in the same turn as the check above: nothing slips in between
    let release!: () => void;
    this.open = new Promise((resolve) => (release = resolve));
    const end = () => {
      this.open = undefined;
      release();
    };
    let tx: Transaction;
    try {
      tx = await this.inner.startTransaction(isolationLevel);
    } catch (error) {
      end();
      throw error;
    }
    const finish = async (step: () => Promise<void>) => {
      try {
        await step();
      } finally {
        end();
      }
    };
    return {
      provider: tx.provider,
      adapterName: tx.adapterName,
      options: tx.options,
      queryRaw: (query) => tx.queryRaw(query),
      executeRaw: (query) => tx.executeRaw(query),
      commit: () => finish(() => tx.commit()),
      rollback: () => finish(() => tx.rollback()),
      createSavepoint: tx.createSavepoint && ((name) => tx.createSavepoint!(name)),
      rollbackToSavepoint: tx.rollbackToSavepoint && ((name) => tx.rollbackToSavepoint!(name)),
      releaseSavepoint: tx.releaseSavepoint && ((name) => tx.releaseSavepoint!(name)),
    };
  }

  dispose() {
    return this.inner.dispose();
  }
}
