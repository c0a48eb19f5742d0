// Runs in main. A minimal logger interface; secrets must never be passed to it.
export interface Logger {
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

export const consoleLogger: Logger = {
  info: (m, meta) => console.log(`[meterbook] ${m}`, meta ?? ''),
  warn: (m, meta) => console.warn(`[meterbook] ${m}`, meta ?? ''),
  error: (m, meta) => console.error(`[meterbook] ${m}`, meta ?? ''),
};

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
