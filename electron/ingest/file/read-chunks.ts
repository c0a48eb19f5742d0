// Runs in main. Reads a Readable as arrays of whatever it has buffered, rather than one await per item:
// an object-mode CSV parser emits a million records for a million rows, and one promise per record
// costs more than the parsing. Backpressure is kept: nothing is read while the consumer is busy.
import type { Readable } from 'node:stream';

export async function* readChunks<T>(stream: Readable): AsyncGenerator<T[]> {
  let ended = false;
  let failure: { error: unknown } | null = null;
  let signalled: boolean;
  let wake: (() => void) | null = null;
  const notify = () => {
    signalled = true;
    wake?.();
  };
  const onEnd = () => {
    ended = true;
    notify();
  };
  const onError = (error: unknown) => {
    failure ??= { error };
    notify();
  };
  const onClose = () => {
    if (!ended) failure ??= { error: Object.assign(new Error('The file stream closed before its end.'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }) };
    notify();
  };
  stream.on('readable', notify);
  stream.on('end', onEnd);
  stream.on('error', onError);
  stream.on('close', onClose);
  try {
    for (;;) {
      signalled = false;
      const batch: T[] = [];
      let item: T | null;
      while ((item = stream.read() as T | null) !== null) batch.push(item);
      if (batch.length > 0) yield batch;
      if (failure !== null) throw (failure as { error: unknown }).error;
      if (ended) return;
      if (batch.length === 0 && !signalled) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = null;
      }
    }
  } finally {
    stream.off('readable', notify);
    stream.off('end', onEnd);
    stream.off('error', onError);
    stream.off('close', onClose);
  }
}
