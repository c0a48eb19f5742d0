// Runs in main. How a restore replaces the ledger under a running app: the host that owns the AppContext
// closes it (every service, timer and job), runs `swap` with the ledger closed, then opens a new
// AppContext over the file that is now in place (migrating it) -- the old one again if `swap` failed.
export type ReopenLedger = <T>(swap: () => Promise<T> | T) => Promise<T>;
