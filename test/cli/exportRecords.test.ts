// An export written whole or not at all, at the pace of whoever reads it, with every field as a
// column; and text from elsewhere shown in a terminal as text.
import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { ExportWriteError, exportToFile, exportToStream } from '../../src/cli/exportRecords';
import { terminalText } from '../../src/cli/terminalText';

const dir = mkdtempSync(join(tmpdir(), 'enlight-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }));

/** A reader that takes a chunk at a time, each a turn of the event loop later; it counts what it was sent and how often the writer had to wait. */
function slowReader(): { stream: Writable; text: () => string; waits: () => number } {
  let text = '';
  let waits = 0;
  const stream = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      setImmediate(done);
    },
  });
  stream.on('drain', () => waits++);
  return { stream, text: () => text, waits: () => waits };
}

const students = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `s${i}`, given_name: `Student ${i}`, notes: 'x'.repeat(200) }));

describe('an export', () => {
  it('has a column for every field any record has, in the order they first appear', async () => {
    const reader = slowReader();
    const records = [{ id: 'a', given_name: 'Ann' }, { id: 'b', given_name: 'Bo', company_name: 'Acme' }, { id: 'c', external_id: 'X-1' }];
    expect(await exportToStream(() => records, 'csv', reader.stream)).toBe(3);
    expect(reader.text()).toBe('id,given_name,company_name,external_id\r\na,Ann,,\r\nb,Bo,Acme,\r\nc,,,X-1\r\n');
  });

  it('waits for a slow reader instead of holding the whole export in memory', async () => {
    const reader = slowReader();
    const records = students(2000);
    expect(await exportToStream(() => records, 'json', reader.stream)).toBe(2000);
    expect(reader.waits()).toBeGreaterThan(0);
    expect(JSON.parse(reader.text())).toEqual(records);
  });

  it('stops quietly when the reader stops reading', async () => {
    const stream = new Writable({
      write(_chunk, _encoding, done) {
        done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    expect(await exportToStream(() => students(1000), 'csv', stream)).toBeNull();
  });

  it('replaces a file only once the whole export is written, and says plainly where it cannot write', async () => {
    const file = join(dir, 'students.json');
    writeFileSync(file, 'the last export');
    const failing = function* () {
      yield* students(500);
      throw new Error('the store went away');
    };
    await expect(exportToFile(failing, 'json', file)).rejects.toThrow('Cannot write');
    // The file as it was, and no part-written file left beside it.
    expect(readFileSync(file, 'utf8')).toBe('the last export');
    expect(readdirSync(dir)).toEqual(['students.json']);

    expect(await exportToFile(() => students(3), 'json', file)).toBe(3);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveLength(3);

    const missing = join(dir, 'no such folder', 'x.csv');
    await expect(exportToFile(() => students(3), 'csv', missing)).rejects.toThrow(new ExportWriteError(`Cannot write ${missing}: its folder does not exist. Nothing was written to it.`));
    await expect(exportToFile(() => students(3), 'csv', dir)).rejects.toThrow(`Cannot write ${dir}: it is a folder. Nothing was written to it.`);
  });

  it('writes through a link into the file it names, and straight into a device', async () => {
    const real = join(dir, 'real.csv');
    const link = join(dir, 'link.csv');
    writeFileSync(real, '');
    symlinkSync(real, link);
    await exportToFile(() => students(2), 'csv', link);
    expect(readFileSync(real, 'utf8')).toContain('Student 1');
    // /dev/null is a device: renaming over it would replace it.
    expect(await exportToFile(() => students(2), 'csv', '/dev/null')).toBe(2);
    expect(readdirSync('/dev').some((name) => name.includes('.part'))).toBe(false);
  });
});

describe('text from elsewhere in a terminal', () => {
  it('shows control characters and direction overrides written out, and keeps lines and tabs', () => {
    const hostile = 'Bad\u001b]0;pwned\u0007 \u001b[2J\r\u202eevil\u0085\tok\nnext';
    expect(terminalText(hostile)).toBe('Bad\\u001b]0;pwned\\u0007 \\u001b[2J\\u000d\\u202eevil\\u0085\tok\nnext');
    expect(terminalText('Nothing odd: 你好, café')).toBe('Nothing odd: 你好, café');
  });
});
