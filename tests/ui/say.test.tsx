// @vitest-environment happy-dom
/**
 * The background says errors and a job's words as catalogue keys with their values; the page
 * words them in the merchant's language (utils/ui/say.ts), its numbers in the page's locale.
 */
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, test } from 'vitest';
import { JobCard } from '@/components/JobCard';
import { errorForStatus, networkError, plainWords } from '@/utils/api/errors';
import { noCodesWords } from '@/utils/jobs/import-drafts';
import { parseImportCsv } from '@/utils/csv/read-import';
import { codeToFind } from '@/utils/codes/find';
import { downloadError, downloadRefused, FORGOTTEN, NOT_ON_DISK } from '@/utils/jobs/save-text';
import { setLocale } from '@/utils/locale/current';
import { pausedText } from '@/utils/ui/job-text';
import { noticesFor } from '@/utils/ui/notice-text';
import { say, sayError } from '@/utils/ui/say';
import { said } from '@/utils/vocabulary';
import { speak } from '../i18n-double';
import { makeJob } from './fixtures';

const noop = () => undefined;

afterEach(async () => {
  cleanup();
  await speak('en');
  setLocale('en');
});

describe('an error said as a key and its values', () => {
  test('is worded in English, as it always was', () => {
    const e = errorForStatus(404, '', { storeHash: 'abc123', promotionId: 42 });
    expect(e.said).toEqual({ key: 'errors.notFound', values: ['42', 'abc123'] });
    expect(sayError(e.said)).toBe(
      'Promotion 42 was not found in store abc123. It may have been deleted.',
    );
    expect(sayError(said('errors.unanswered', [1234]))).toMatch(
      /^BigCommerce's answers stopped arriving \(1,234 requests in a row got none\)/,
    );
  });

  test('is worded in German, its numbers written the German way', async () => {
    await speak('de');
    setLocale('de');
    expect(sayError(networkError().said)).toMatch(/^BigCommerce war mehrmals hintereinander/);
    expect(sayError(said('errors.unanswered', [1234]))).toContain('1.234 Anfragen hintereinander');
    // BigCommerce's own reason travels untranslated inside the German sentence.
    const refused = errorForStatus(422, '{"title":"Code is too long"}', { storeHash: 'abc123' });
    expect(sayError(refused.said)).toBe('BigCommerce hat die Anfrage abgelehnt: Code is too long.');
  });

  test('words inside words: the job in the way, named in its own words', async () => {
    const locked = said('errors.locked', [
      said('errors.lockName.purge'),
      said('errors.promotionNamed', ['Summer sale']),
      '10:00',
      said('errors.where.running'),
    ]);
    expect(say(locked)).toMatch(
      /^A purge is already under way on “Summer sale” \(started 10:00, running\)\./,
    );
    await speak('de');
    expect(say(locked)).toMatch(
      /^Eine Löschung läuft bereits für „Summer sale“ \(gestartet 10:00, läuft\)\./,
    );
  });

  test('a job stored before errors became keys still shows its sentence', () => {
    expect(sayError('The token was revoked. Connect the store again.')).toBe(
      'The token was revoked. Connect the store again.',
    );
    const old = makeJob({ status: 'paused', error: 'BigCommerce kept refusing requests.' });
    expect(pausedText(old)).toBe('Paused: BigCommerce kept refusing requests.');
    const failed = makeJob({ status: 'failed', error: 'An old sentence.' });
    expect(say(failed.words.ended!)).toBe('Generating codes stopped: An old sentence.');
  });
});

describe('a job card in German', () => {
  test('an export that completed: its title, status and ending in German', async () => {
    await speak('de');
    setLocale('de');
    const job = makeJob({
      kind: 'export',
      status: 'completed',
      progress: { done: 12_500, total: 12_500, ratePerSecond: 0, etaMs: null, wait: null },
      files: [{ kind: 'export', filename: 'codes.csv', rows: 12_500 }],
    });
    render(<JobCard job={job} onControl={noop} onDownload={noop} />);
    expect(screen.getByRole('heading', { name: /Codes exportieren/ })).toBeTruthy();
    expect(screen.getByText('Abgeschlossen', { selector: '.bcm-badge' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Abgeschlossen: 12.500 Codes exportiert.');
    expect(screen.getByRole('button', { name: 'CSV erneut herunterladen' })).toBeTruthy();
  });

  test('a failed generate: the store’s error in German', async () => {
    await speak('de');
    setLocale('de');
    const error = errorForStatus(401, '', { storeHash: 'abc123' }).said;
    render(
      <JobCard job={makeJob({ status: 'failed', error })} onControl={noop} onDownload={noop} />,
    );
    expect(screen.getByRole('alert').textContent).toBe(
      'Codes werden erzeugt – angehalten: BigCommerce hat das Zugriffstoken für den Shop abc123 nicht akzeptiert: Es ist falsch oder wurde widerrufen. Erstellen Sie ein neues API-Konto-Token und speichern Sie es in den Einstellungen der Erweiterung.',
    );
    expect(screen.getByRole('button', { name: 'Fortsetzen' })).toBeTruthy();
  });

  test('a file the browser did not save: why, in German, and how to save it again', async () => {
    await speak('de');
    setLocale('de');
    const job = makeJob({
      kind: 'export',
      status: 'completed',
      progress: { done: 12, total: 12, ratePerSecond: 0, etaMs: null, wait: null },
      files: [
        {
          kind: 'export',
          filename: 'codes.csv',
          rows: 12,
          saved: { state: 'failed', downloadId: 3, error: downloadError('FILE_NO_SPACE'), at: 0 },
        },
      ],
    });
    render(<JobCard job={job} onControl={noop} onDownload={noop} />);
    expect(screen.getByRole('alert').textContent).toMatch(
      /^codes\.csv: Die Datei wurde nicht gespeichert: Der Datenträger ist voll\. /,
    );
    await speak('en');
    expect(plainWords(downloadError('USER_CANCELED'))).toMatch(
      /^The file was not saved: the download was cancelled or refused \(/,
    );
    // Every reason the browser's codes map to is in the catalogue (a missing key shows as itself).
    const reasons = [
      'USER_CANCELED',
      'FILE_BLOCKED',
      'FILE_NO_SPACE',
      'FILE_TOO_LARGE',
      'CRASH',
      '',
    ]
      .map(downloadError)
      .concat(downloadRefused(undefined), downloadRefused(new Error('no')), NOT_ON_DISK, FORGOTTEN);
    for (const words of reasons) expect(plainWords(words)).not.toMatch(/fileSave\./);
    expect(new Set(reasons.map(plainWords)).size).toBe(reasons.length);
    expect(plainWords(downloadError('SOMETHING_NEW'))).toBe(
      'The file was not saved: the browser stopped the download (SOMETHING_NEW).',
    );
  });

  test('a file’s lines that cannot be codes, and a code that cannot be found, in German', async () => {
    await speak('de');
    setLocale('de');
    const { rejected } = parseImportCsv('code\n=SUM(A1)\nGUT\nGUT\nnot\u00a0allowed!\n');
    expect(say(noCodesWords(rejected.slice(0, 1)))).toBe(
      'Keine Zeile der Datei kann ein Code werden. 1 Zeile: Tabellenformeln, keine Codes (Zeile 2: Die Zelle sieht wie eine Tabellenformel aus (=SUM(A1)), nicht wie ein Code). Korrigieren Sie die Datei und wählen Sie sie erneut.',
    );
    expect(rejected.map((r) => say(r.reason))).toEqual([
      'Die Zelle sieht wie eine Tabellenformel aus (=SUM(A1)), nicht wie ein Code',
      'Der Code steht bereits in Zeile 3 der Datei (Codes, die sich nur in Groß- und Kleinschreibung unterscheiden, zählen als einer, da Kunden beides eingeben können)',
      'Der Code enthält Zeichen, die BigCommerce nicht erlaubt (“!” und ein Tabulator oder ein ungewöhnliches Leerzeichen): nur Buchstaben, Ziffern, Leerzeichen, _ und -',
    ]);
    const notFindable = codeToFind('X'.repeat(1_234));
    expect('error' in notFindable && say(notFindable.error)).toBe(
      'Ein Code hat höchstens 50 Zeichen; dieser hat 1.234, daher kann ihn kein Shop enthalten.',
    );
  });

  test('a notification, worded by the background in the browser’s language', async () => {
    await speak('de');
    setLocale('de');
    const job = makeJob({
      kind: 'export',
      status: 'completed',
      progress: { done: 1, total: 1, ratePerSecond: 0, etaMs: null, wait: null },
    });
    expect(noticesFor(new Map([[job.id, 'running']]), [job])).toEqual([
      {
        jobId: job.id,
        title: 'Codes exportieren für „Summer sale“',
        message: 'Abgeschlossen: 1 Code exportiert.',
      },
    ]);
  });
});
