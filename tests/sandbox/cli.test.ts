import { spawn, spawnSync } from 'node:child_process';
import { get } from 'node:https';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const tsx = resolve(root, 'node_modules/.bin/tsx');

describe('npm run sandbox (sandbox/cli.ts)', () => {
  it('exits 2 with a plain message on a bad value', () => {
    const r = spawnSync(tsx, ['sandbox/cli.ts', '--plan', 'gold'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--plan must be standard, pro or unlimited');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('starts, prints what a developer needs, answers, and stops on SIGTERM', async () => {
    const child = spawn(tsx, ['sandbox/cli.ts', '--port', '0', '--seed-codes', '5'], {
      cwd: root,
      env: { ...process.env, SANDBOX_PLAN: 'pro' },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await new Promise<void>((ok, fail) => {
        const t = setTimeout(() => fail(new Error(`no banner: ${out}`)), 15_000);
        child.stdout.on('data', () => out.includes('Ctrl+C') && (clearTimeout(t), ok()));
        child.on('exit', () => fail(new Error(`exited early: ${out}`)));
      });
      const port = /listening on https:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1];
      expect(port).toBeDefined();
      expect(out).toContain('plan pro');
      expect(out).toContain('https://api.bigcommerce.com/stores/sandbox1/v3');
      expect(out).toContain(`https://127.0.0.1:${port}/stores/sandbox1/v3`);
      expect(out).toContain('https://store-sandbox1.mybigcommerce.com/manage/marketing/promotions');
      expect(out).toMatch(/Token \(modify\): +[a-z0-9]{31}/);
      expect(out).toMatch(/Token \(read-only\): +[a-z0-9]{31}/);
      expect(out).toContain('bulk 1, bulk (empty) 2, single 3, automatic 4');
      expect(out).toContain(
        `--host-resolver-rules="MAP api.bigcommerce.com 127.0.0.1:${port}, MAP *.mybigcommerce.com 127.0.0.1:${port}"`,
      );
      expect(out).toMatch(/--ignore-certificate-errors-spki-list=[A-Za-z0-9+/]{43}=/);
      // Loopback self-signed: this one check skips verification; the SPKI it prints must match what it serves.
      const info = await new Promise<{ spkiSha256: string; tokens: { modify: string } }>(
        (ok, fail) => {
          get(
            {
              host: '127.0.0.1',
              port: Number(port),
              path: '/__sandbox/info',
              rejectUnauthorized: false,
            },
            (res) => {
              let body = '';
              res.on('data', (d: Buffer) => (body += d.toString()));
              res.on('end', () => ok(JSON.parse(body)));
            },
          ).on('error', fail);
        },
      );
      expect(out).toContain(info.spkiSha256);
      expect(out).toContain(info.tokens.modify);
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
