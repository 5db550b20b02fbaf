// enlight-admin: the command line, on the same core as the app.
//
// Exit codes: 0 done; 1 failed (or a sync that finished with some steps failed); 2 wrong usage or
// a bad URL; 3 the API key was refused; 4 the server could not be reached.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isEnlightError, isUnreachable } from '../shared/errors';
import { AccountError, AccountRegistry } from '../main/accounts/AccountRegistry';
import { defaultDataDir } from '../main/accounts/dataDir';
import { AccountChoiceError, openAccountSession } from '../main/accountSession';
import { EnlightClient } from '../main/api/EnlightClient';
import { nodeHttpTransport } from '../main/api/transport';
import { openSecretStore } from '../main/secrets/openSecretStore';
import { MIRROR_RESOURCES, type MirrorResource } from '../main/store/mirrorColumns';
import { pullOnWorker } from '../main/sync/pullOnWorker';
import type { EditResource } from '../main/outbox/editRules';
import { CsvError, IMPORTABLE, importCsv } from '../main/outbox/csvImport';
import { Outbox } from '../main/outbox/Outbox';
import type { OutboxEntry } from '../main/outbox/outboxEntry';
import { push } from '../main/outbox/push';
import { runWebHost } from '../web/runWebHost';
import { ExportWriteError, exportToFile, exportToStream } from './exportRecords';
import { ProgressBar } from './progressBar';
import { terminalText } from './terminalText';
import { readSecret } from './readSecret';

const USAGE = `Usage: enlight-admin [--data-dir DIR] [--account NAME] [--url URL] COMMAND

Commands:
  account add NAME --url URL      add an account; the API key is read from ENLIGHT_API_KEY or asked for
  account list                    the stored accounts
  account remove NAME             forget an account, its key and its local data
  sync [--full]                   bring the local copy up to date (--full: start every list from the top)
  status                          records per resource, last complete sync
  export RESOURCE --format csv|json [--out FILE]
                                  RESOURCE: ${[...MIRROR_RESOURCES, 'library_items'].join(', ')}
  import RESOURCE FILE.csv        queue the file's rows as edits (${IMPORTABLE.join(', ')}): a row with
                                  an id updates that record, one without creates one
  push [--wait SECONDS]           send queued edits to the server (default: keep retrying for 120 s)
  outbox list                     queued edits: pending, failed, conflicting, with the server's words
  outbox retry SEQ|all            send an entry (or every failed one) again now
  outbox discard SEQ              drop an entry: the record goes back to the server's version
  outbox keep-mine|take-theirs SEQ FIELD
                                  settle a field conflict
  web [--port N]                  the app in your browser, on this computer only (as npm run web)

Without a stored account, set ENLIGHT_API_KEY and pass --url.
Data lives in --data-dir (default ${defaultDataDir()}).`;

export const EXIT = { ok: 0, failed: 1, usage: 2, auth: 3, unreachable: 4 } as const;

class UsageError extends Error {}

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    return report(error, io);
  }
}

function report(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    io.stderr.write(`${terminalText(error.message)}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  if (error instanceof AccountChoiceError || error instanceof AccountError) {
    io.stderr.write(`${terminalText(error.message)}\n`);
    return EXIT.usage;
  }
  if (isEnlightError(error)) {
    io.stderr.write(`${terminalText(error.message)}\n`);
    if (error.code === 'auth') return EXIT.auth;
    if (error.code === 'bad-url') return EXIT.usage;
    if (isUnreachable(error)) return EXIT.unreachable;
    return EXIT.failed;
  }
  io.stderr.write(`${terminalText(error instanceof Error ? error.message : String(error))}\n`);
  return EXIT.failed;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  // `web` has options of its own (--port): it takes the rest of the line, with a --data-dir given before it.
  const webAt = argv[0] === 'web' ? 0 : argv[0] === '--data-dir' && argv[2] === 'web' ? 2 : -1;
  if (webAt >= 0) return runWebHost([...argv.slice(0, webAt), ...argv.slice(webAt + 1)], io);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'data-dir': { type: 'string' },
        account: { type: 'string' },
        url: { type: 'string' },
        full: { type: 'boolean' },
        format: { type: 'string' },
        out: { type: 'string' },
        wait: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  const [command, sub, ...rest] = positionals;
  if (values.help || !command || command === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return command || values.help ? EXIT.ok : EXIT.usage;
  }
  const dataDir = values['data-dir'] ?? defaultDataDir(io.env);
  const { store: secrets, warning } = await openSecretStore();
  if (warning && (command === 'account' || !io.env['ENLIGHT_API_KEY'])) io.stderr.write(`${warning}\n`);

  const session = () =>
    openAccountSession({ dataDir, secrets, account: values.account, url: values.url, apiKey: values.account ? undefined : io.env['ENLIGHT_API_KEY'] });

  switch (command) {
    case 'account': {
      const registry = new AccountRegistry(dataDir, secrets);
      if (sub === 'list') {
        const accounts = registry.list();
        if (accounts.length === 0) io.stdout.write('No accounts. Add one with: enlight-admin account add NAME --url URL\n');
        for (const a of accounts) io.stdout.write(`${a.name}\t${a.baseUrl}\tadded ${a.addedAt}\n`);
        return EXIT.ok;
      }
      if (sub === 'add') {
        const name = rest[0];
        if (!name) throw new UsageError('account add needs a NAME');
        if (!values.url) throw new UsageError('account add needs --url, the address of your Enlight site');
        if (secrets.kind !== 'keychain') {
          // A command-line session ends with this command: a key kept "for the session" would be
          // gone before it could be used, and writing it anywhere else is not an option.
          io.stderr.write('Without a keychain the account cannot be kept. Run commands headless instead: set ENLIGHT_API_KEY and pass --url.\n');
          return EXIT.failed;
        }
        const apiKey = io.env['ENLIGHT_API_KEY'] ?? (await readSecret('API key (from your Enlight profile page): ', io));
        if (!apiKey.trim()) throw new UsageError('No API key was given.');
        const account = await registry.add({ name, baseUrl: values.url, apiKey: apiKey.trim() }, async (baseUrl, key) => {
          const { transport, close } = nodeHttpTransport();
          try {
            await new EnlightClient({ baseUrl, apiKey: key, transport }).authenticate(io.signal);
          } finally {
            close();
          }
        });
        io.stdout.write(`Added "${account.name}" (${account.baseUrl}); its key is in the ${secrets.kind === 'keychain' ? 'OS keychain' : 'session only'}.\n`);
        return EXIT.ok;
      }
      if (sub === 'remove') {
        const name = rest[0];
        if (!name) throw new UsageError('account remove needs a NAME');
        const removed = await registry.remove(name);
        if (!removed) throw new AccountChoiceError(`There is no account named "${name}".`);
        io.stdout.write(`Removed "${name}", its key and its local data.\n`);
        return EXIT.ok;
      }
      throw new UsageError(`Unknown account command "${sub ?? ''}": use add, list or remove`);
    }

    case 'sync': {
      const s = await session();
      try {
        const outbox = new Outbox(s.store);
        const bar = new ProgressBar(io.stderr);
        const result = await pullOnWorker({
          client: s.pullClient,
          limiter: s.limiter,
          store: s.store,
          full: values.full === true,
          signal: io.signal,
          onProgress: (p) => bar.update(p),
        });
        outbox.refreshAllOverlays();
        if (result.outcome === 'stopped') {
          io.stderr.write('Stopped. The next sync carries on from here.\n');
          return EXIT.failed;
        }
        for (const e of result.errors) io.stderr.write(`${e.step}: ${terminalText(e.message)}\n`);
        const counts = `${result.changed} records new or changed, ${result.deleted} removed, ${result.requests} requests`;
        if (result.outcome === 'complete') io.stdout.write(`Synced ${s.name}: ${counts}.\n`);
        else io.stdout.write(`Synced ${s.name} in part (${result.errors.length === 1 ? 'a step' : `${result.errors.length} steps`} failed, see above): ${counts}. What was synced is kept; sync again to finish.\n`);
        return result.outcome === 'complete' ? EXIT.ok : EXIT.failed;
      } finally {
        await s.close();
      }
    }

    case 'status': {
      const s = await session();
      try {
        const counts = s.store.counts();
        io.stdout.write(`${s.name} (${s.baseUrl})\n`);
        for (const resource of MIRROR_RESOURCES) {
          const state = s.store.listState(resource);
          const last = state.lastCompleteAt ? `last complete pass ${state.lastCompleteAt}${state.lastDriftFreeAt === state.lastCompleteAt ? '' : ' (the list changed while it was read)'}` : 'never synced';
          io.stdout.write(`  ${resource.padEnd(12)} ${String(counts[resource]).padStart(8)}  ${last}\n`);
        }
        io.stdout.write(`  ${'library_items'.padEnd(12)} ${String(counts.library_items).padStart(8)}\n`);
        const outbox = new Outbox(s.store).counts();
        const attention = outbox.rejected + outbox.conflict + outbox.ambiguous;
        io.stdout.write(
          `Outbox: ${outbox.total} edits to send${outbox.total ? ` (${outbox.pending + outbox.sending + outbox.unknown} pending${outbox.waiting ? `, ${outbox.waiting} waiting for a new record` : ''}, ${attention} need you: ${outbox.rejected} refused, ${outbox.conflict} in conflict, ${outbox.ambiguous} to identify)` : ''}\n`,
        );
        const run = s.store.lastRun();
        if (run) io.stdout.write(`Last sync: started ${run.startedAt}, ${run.outcome ?? 'still running or killed'}${run.message ? `: ${terminalText(run.message)}` : ''}\n`);
        return EXIT.ok;
      } finally {
        await s.close();
      }
    }

    case 'export': {
      const resource = sub as MirrorResource | 'library_items' | undefined;
      if (!resource || ![...MIRROR_RESOURCES, 'library_items'].includes(resource)) {
        throw new UsageError(`export needs a RESOURCE: ${[...MIRROR_RESOURCES, 'library_items'].join(', ')}`);
      }
      const format = values.format ?? 'csv';
      if (format !== 'csv' && format !== 'json') throw new UsageError(`--format must be csv or json, not "${format}"`);
      const s = await session();
      try {
        const records = () => s.store.records(resource);
        if (values.out) {
          const count = await exportToFile(records, format, values.out);
          io.stderr.write(`Exported ${count} ${resource} to ${values.out}\n`);
        } else {
          await exportToStream(records, format, io.stdout);
        }
        return EXIT.ok;
      } catch (error) {
        if (!(error instanceof ExportWriteError)) throw error;
        io.stderr.write(`${error.message}\n`);
        return EXIT.failed;
      } finally {
        await s.close();
      }
    }

    case 'import': {
      const resource = sub as EditResource | undefined;
      const file = rest[0];
      if (!resource || !IMPORTABLE.includes(resource)) throw new UsageError(`import needs a RESOURCE: ${IMPORTABLE.join(', ')}`);
      if (!file) throw new UsageError('import needs a FILE.csv');
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        io.stderr.write(`Cannot read ${file}: ${terminalText(e instanceof Error ? e.message : String(e))}\n`);
        return EXIT.failed;
      }
      const s = await session();
      try {
        let report;
        try {
          report = importCsv(new Outbox(s.store), resource, text);
        } catch (e) {
          if (e instanceof CsvError) {
            io.stderr.write(`${file} is not a CSV file that can be read: ${terminalText(e.message)}. Nothing was queued.\n`);
            return EXIT.failed;
          }
          throw e;
        }
        for (const p of report.problems) io.stderr.write(`${file}:${p.line}: ${terminalText(p.reason)}\n`);
        io.stdout.write(`Queued ${report.queued} ${resource} edits from ${file}${report.problems.length ? `; ${report.problems.length} rows were not, see above` : ''}. Send them with: enlight-admin push\n`);
        return report.problems.length ? EXIT.failed : EXIT.ok;
      } finally {
        await s.close();
      }
    }

    case 'push': {
      const waitSeconds = values.wait === undefined ? 120 : Number(values.wait);
      if (!Number.isFinite(waitSeconds) || waitSeconds < 0) throw new UsageError('--wait takes a number of seconds');
      const s = await session();
      try {
        const outbox = new Outbox(s.store);
        const deadline = AbortSignal.timeout(waitSeconds * 1000);
        const signal = io.signal ? AbortSignal.any([io.signal, deadline]) : deadline;
        let result;
        try {
          result = await push({ client: s.client, outbox, signal, untilSettled: true });
        } catch (e) {
          // The wait is over (or Ctrl-C): what was not sent stays queued.
          if (!signal.aborted) throw e;
        }
        const left = outbox.counts();
        if (result) io.stdout.write(`Sent ${result.done} edits; ${result.rejected} refused, ${result.conflicts} in conflict.\n`);
        if (left.total) io.stdout.write(`${left.total} edits are still queued: see enlight-admin outbox list\n`);
        return left.total ? EXIT.failed : EXIT.ok;
      } finally {
        await s.close();
      }
    }

    case 'outbox': {
      const s = await session();
      try {
        const outbox = new Outbox(s.store);
        if (sub === 'list' || sub === undefined) {
          const entries = outbox.entries();
          if (entries.length === 0) io.stdout.write('The outbox is empty: every edit has reached the server.\n');
          for (const e of entries) io.stdout.write(`${terminalText(describeEntry(e))}\n`);
          return EXIT.ok;
        }
        const seqText = rest[0];
        if (sub === 'retry' && seqText === 'all') {
          for (const e of outbox.entries()) if (e.state !== 'sending') outbox.retry(e.seq);
          io.stdout.write('Every entry will be sent again at the next push.\n');
          return EXIT.ok;
        }
        const seq = Number(seqText);
        if (!Number.isInteger(seq)) throw new UsageError(`outbox ${sub ?? ''} needs an entry number (see outbox list)`);
        if (sub === 'retry') outbox.retry(seq);
        else if (sub === 'discard') outbox.discard(seq);
        else if (sub === 'keep-mine' || sub === 'take-theirs') {
          const field = rest[1];
          if (!field) throw new UsageError(`outbox ${sub} needs SEQ and FIELD`);
          outbox.resolveConflict(seq, field, sub === 'keep-mine' ? 'mine' : 'theirs');
        } else throw new UsageError(`Unknown outbox command "${sub}": use list, retry, discard, keep-mine or take-theirs`);
        io.stdout.write(`Done. ${outbox.counts().total} edits queued.\n`);
        return EXIT.ok;
      } finally {
        await s.close();
      }
    }

    default:
      throw new UsageError(`Unknown command "${command}"`);
  }
}

function describeEntry(e: OutboxEntry): string {
  const state = e.stuck ? 'stuck (still retrying)' : e.state === 'pending' && e.waitingFor.length ? 'waiting for a new record' : e.state;
  const what = `${e.kind} ${e.resource.slice(0, -1)} ${e.recordId}`;
  const fields = Object.keys(e.fields).length ? ` ${JSON.stringify(e.fields)}` : '';
  let detail = e.message ? `\n      ${e.message}` : '';
  if (e.conflict && 'fields' in e.conflict) {
    for (const [field, c] of Object.entries(e.conflict.fields)) detail += `\n      ${field}: was ${JSON.stringify(c.base)}, yours ${JSON.stringify(c.mine)}, theirs ${JSON.stringify(c.theirs)}`;
  }
  return `#${e.seq}  ${state.padEnd(10)} ${what}${fields}${detail}`;
}
