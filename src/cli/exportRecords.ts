// `enlight-admin export`: a resource's records as CSV or JSON, into a file or down a pipe.
//
// - A file is written whole or not at all: into a temporary file beside it, renamed over it at the
//   end, so an export that fails (a full disk, a folder that is not there) leaves what was there.
// - Down a pipe, it writes only as fast as the reader reads (a large export would otherwise be held
//   in memory, and a slow reader made the write fail), and stops quietly when the reader stops
//   reading (`| head`).
// - The CSV's columns are every field any record has, in the order they first appear: a field the
//   first record happens to lack (an optional one) is still a column.
import { constants, createWriteStream, type WriteStream } from 'node:fs';
import { access, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { csvLine } from '../shared/csvCell';

type Json = Record<string, unknown>;

/** The export could not be written where it was asked to go; the message says why, in plain words. */
export class ExportWriteError extends Error {}

/** Writes pieces of text to a stream, waiting whenever its buffer is full, and gathers small pieces into larger writes. */
class StreamWriter {
  private pending = '';
  private failure: Error | undefined;
  private readonly onError = (error: Error) => {
    this.failure ??= error;
  };

  constructor(private readonly stream: NodeJS.WritableStream) {
    stream.on('error', this.onError);
  }

  async write(text: string): Promise<void> {
    this.pending += text;
    if (this.pending.length >= 64 * 1024) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    const text = this.pending;
    this.pending = '';
    if (text === '' || this.stream.write(text)) return;
    await new Promise<void>((resolve, reject) => {
      const done = (error?: Error) => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        if (error) reject(error);
        else resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('error', done);
    });
  }

  release(): void {
    this.stream.off('error', this.onError);
  }
}

async function writeRecords(writer: StreamWriter, records: () => Iterable<Json>, format: 'csv' | 'json'): Promise<number> {
  let count = 0;
  if (format === 'json') {
    await writer.write('[');
    for (const record of records()) await writer.write(`${count++ ? ',' : ''}\n${JSON.stringify(record)}`);
    await writer.write(count ? '\n]\n' : ']\n');
  } else {
    const columns = new Set<string>();
    for (const record of records()) for (const key of Object.keys(record)) columns.add(key);
    const header = [...columns];
    if (header.length) await writer.write(csvLine(header));
    for (const record of records()) {
      await writer.write(csvLine(header.map((key) => record[key])));
      count++;
    }
  }
  await writer.flush();
  return count;
}

const reason = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'its folder does not exist';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'the disk is read-only';
  return error instanceof Error ? error.message : String(error);
};

/**
 * Writes the records into `file`, replacing it only once the whole export is written; returns how
 * many. A file that is not a plain one (a device such as /dev/stdout, a named pipe) is written
 * straight into: renaming over it would replace the device.
 */
export async function exportToFile(records: () => Iterable<Json>, format: 'csv' | 'json', file: string): Promise<number> {
  const failed = (error: unknown) => new ExportWriteError(`Cannot write ${file}: ${reason(error)}. Nothing was written to it.`, { cause: error });
  let target = file;
  let plainFile = true;
  try {
    // Where a link points, the file it names is replaced, not the link.
    target = await realpath(file);
    const found = await stat(target);
    if (found.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    // A file there that may not be written stays as it is (renaming over it would replace it).
    await access(target, constants.W_OK);
    plainFile = found.isFile();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw failed(error);
  }
  if (!plainFile) {
    try {
      return await writeInto(createWriteStream(target), records, format);
    } catch (error) {
      throw new ExportWriteError(`Cannot write ${file}: ${reason(error)}.`, { cause: error });
    }
  }
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.part`);
  try {
    const count = await writeInto(createWriteStream(temporary, { flags: 'wx' }), records, format);
    await rename(temporary, target);
    return count;
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => {});
    throw failed(error);
  }
}

/** Writes the records into `stream` and closes it, once all is written. */
async function writeInto(stream: WriteStream, records: () => Iterable<Json>, format: 'csv' | 'json'): Promise<number> {
  // An error the writer does not take (one coming after it gave up) must not end the process.
  stream.on('error', () => {});
  const writer = new StreamWriter(stream);
  try {
    const count = await writeRecords(writer, records, format);
    await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    return count;
  } catch (error) {
    stream.destroy();
    throw error;
  } finally {
    writer.release();
  }
}

/**
 * Writes the records down `out` (standard output), as fast as its reader takes them; returns how
 * many, or null when the reader stopped reading first.
 */
export async function exportToStream(records: () => Iterable<Json>, format: 'csv' | 'json', out: NodeJS.WritableStream): Promise<number | null> {
  const writer = new StreamWriter(out);
  try {
    return await writeRecords(writer, records, format);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return null;
    throw new ExportWriteError(`Cannot write the export: ${reason(error)}.`, { cause: error });
  } finally {
    writer.release();
  }
}
