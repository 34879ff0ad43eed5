/**
 * A small WebDriver BiDi client for Debian's firefox-esr (Playwright cannot drive it).
 * Launches Firefox headless on a fresh profile, connects over undici's WebSocket (Node 20 has
 * no global one without a flag), and offers the few commands the Firefox e2e tests need.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocket } from 'undici';

export const FIREFOX = process.env.FIREFOX_BIN ?? '/usr/bin/firefox-esr';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface BidiEvent {
  method: string;
  params: Record<string, unknown>;
}

interface Pending {
  method: string;
  resolve: (value: Record<string, unknown>) => void;
  reject: (error: Error) => void;
}

/** One BiDi connection: commands by id, events to listeners. */
export class BidiConnection {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(event: BidiEvent) => void>();
  private closed = false;

  private constructor(private readonly ws: WebSocket) {
    ws.addEventListener('message', (ev) => this.onMessage(String(ev.data)));
    ws.addEventListener('close', () => {
      this.closed = true;
      for (const p of this.pending.values())
        p.reject(new Error(`BiDi connection closed during ${p.method}`));
      this.pending.clear();
    });
  }

  static connect(url: string, timeoutMs = 10_000): Promise<BidiConnection> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const timer = setTimeout(() => {
        ws.close();
        reject(new Error(`BiDi: no WebSocket connection to ${url} within ${timeoutMs} ms`));
      }, timeoutMs);
      ws.addEventListener('open', () => {
        clearTimeout(timer);
        resolve(new BidiConnection(ws));
      });
      ws.addEventListener('error', () => {
        clearTimeout(timer);
        reject(new Error(`BiDi: WebSocket error connecting to ${url}`));
      });
    });
  }

  private onMessage(text: string) {
    const msg = JSON.parse(text) as {
      id?: number;
      type: 'success' | 'error' | 'event';
      result?: Record<string, unknown>;
      error?: string;
      message?: string;
      method?: string;
      params?: Record<string, unknown>;
    };
    if (msg.type === 'event') {
      for (const l of this.listeners) l({ method: msg.method!, params: msg.params ?? {} });
      return;
    }
    const p = msg.id === undefined ? undefined : this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id!);
    if (msg.type === 'success') p.resolve(msg.result ?? {});
    else p.reject(new Error(`BiDi ${p.method} failed: ${msg.error}: ${msg.message}`));
  }

  send<T = Record<string, unknown>>(
    method: string,
    params: Record<string, unknown> = {},
    timeoutMs = 30_000,
  ): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`BiDi connection closed before ${method}`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`BiDi ${method}: no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        method,
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  onEvent(listener: (event: BidiEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close() {
    if (!this.closed) this.ws.close();
  }
}

export interface FirefoxOptions {
  /** Working folder: profile, downloads and $HOME live under it. */
  dir: string;
  /** Extra prefs for user.js (on top of the quiet-automation set below). */
  prefs?: Record<string, boolean | number | string>;
  /** Give up when the BiDi line has not appeared after this long. */
  startTimeoutMs?: number;
}

export interface Firefox {
  bidi: BidiConnection;
  process: ChildProcess;
  profileDir: string;
  /** What Firefox wrote to stderr/stdout (for failure messages). */
  log(): string;
  /** Ends the session, then the browser's process group; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Prefs so a headless automation run opens no outside connections and shows no first-run UI.
 * Firefox's remote agent applies its own recommended automation prefs on top of these.
 */
export const QUIET_PREFS: Record<string, boolean | number | string> = {
  'app.normandy.enabled': false,
  'app.shield.optoutstudies.enabled': false,
  'app.update.auto': false,
  'app.update.checkInstallTime': false,
  'app.update.disabledForTesting': true,
  'browser.aboutwelcome.enabled': false,
  'browser.discovery.enabled': false,
  'browser.newtabpage.activity-stream.default.sites': '',
  'browser.newtabpage.activity-stream.feeds.section.topstories': false,
  'browser.newtabpage.activity-stream.feeds.snippets': false,
  'browser.newtabpage.activity-stream.feeds.telemetry': false,
  'browser.newtabpage.activity-stream.telemetry': false,
  'browser.newtabpage.enabled': false,
  'browser.ping-centre.telemetry': false,
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.downloads.remote.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.provider.google.updateURL': '',
  'browser.safebrowsing.provider.google4.updateURL': '',
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.search.update': false,
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage': 'about:blank',
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.startup.page': 0,
  'browser.tabs.warnOnClose': false,
  'browser.topsites.contile.enabled': false,
  'browser.uitour.enabled': false,
  'captivedetect.canonicalURL': '',
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.policy.firstRunURL': '',
  'dom.push.connection.enabled': false,
  'dom.push.serverURL': '',
  'extensions.blocklist.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.update.autoUpdateDefault': false,
  'extensions.update.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'extensions.systemAddon.update.url': '',
  'media.gmp-manager.updateEnabled': false,
  'media.gmp-manager.url': '',
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.http.speculative-parallel-limit': 0,
  'network.prefetch-next': false,
  'network.trr.mode': 5,
  'services.settings.server': 'data:,#remote-settings-disabled',
  'toolkit.telemetry.archive.enabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.server': '',
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'toolkit.startup.max_resumed_crashes': -1,
};

export function userJs(prefs: Record<string, boolean | number | string>): string {
  return Object.entries(prefs)
    .map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`)
    .join('\n');
}

/**
 * A PAC script (as a data: URL) sending every request to the loopback CONNECT proxy, which
 * lets through only the BigCommerce hosts: nothing else leaves the machine.
 */
export function pacUrl(proxyPort: number): string {
  const pac = `function FindProxyForURL(url, host) { return "PROXY 127.0.0.1:${proxyPort}"; }`;
  return `data:application/x-ns-proxy-autoconfig;base64,${Buffer.from(pac).toString('base64')}`;
}

/**
 * Starts firefox-esr headless with `--remote-debugging-port=0`, reads the "WebDriver BiDi
 * listening on ws://..." line, connects and opens a session (acceptInsecureCerts: the sandbox
 * certificate is self-signed, and this covers the extension's background fetches too).
 */
export async function launchFirefox(opts: FirefoxOptions): Promise<Firefox> {
  const profileDir = join(opts.dir, 'profile');
  const home = join(opts.dir, 'home');
  for (const d of [
    profileDir,
    home,
    join(home, '.cache'),
    join(home, '.config'),
    join(home, '.local/share'),
    join(opts.dir, 'tmp'),
  ])
    mkdirSync(d, { recursive: true });
  writeFileSync(join(profileDir, 'user.js'), userJs({ ...QUIET_PREFS, ...opts.prefs }) + '\n');

  const child = spawn(
    FIREFOX,
    [
      '--headless',
      '--no-remote',
      '--remote-debugging-port=0',
      '--profile',
      profileDir,
      'about:blank',
    ],
    {
      detached: true, // its own process group, so close() ends the content processes as well
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: home,
        XDG_CONFIG_HOME: join(home, '.config'),
        XDG_CACHE_HOME: join(home, '.cache'),
        XDG_DATA_HOME: join(home, '.local/share'),
        TMPDIR: join(opts.dir, 'tmp'),
        MOZ_HEADLESS: '1',
        MOZ_CRASHREPORTER_DISABLE: '1',
        MOZ_DISABLE_AUTO_SAFE_MODE: '1',
        // Release builds ignore `services.settings.server` unless this is set; without it, Remote
        // Settings (Nimbus, blocklists...) would call firefox.settings.services.mozilla.com.
        MOZ_REMOTE_SETTINGS_DEVTOOLS: '1',
      },
    },
  );
  let output = '';
  let exited = false;
  // Should the test process end without close() (a crash, Ctrl-C), take the browser with it.
  const onExit = () => killGroup(child);
  process.once('exit', onExit);
  child.on('exit', () => {
    exited = true;
    process.off('exit', onExit);
  });

  const wsBase = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `Firefox printed no BiDi address within ${opts.startTimeoutMs ?? 20_000} ms:\n${output}`,
          ),
        ),
      opts.startTimeoutMs ?? 20_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /WebDriver BiDi listening on (ws:\/\/[^\s]+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`Firefox exited (${code ?? signal}) before BiDi was ready:\n${output}`));
    });
  }).catch((e) => {
    killGroup(child);
    throw e;
  });

  let bidi: BidiConnection;
  try {
    bidi = await BidiConnection.connect(`${wsBase.replace(/\/$/, '')}/session`);
    await bidi.send('session.new', {
      capabilities: { alwaysMatch: { acceptInsecureCerts: true } },
    });
  } catch (e) {
    killGroup(child);
    throw e;
  }

  let closing: Promise<void> | null = null;
  return {
    bidi,
    process: child,
    profileDir,
    log: () => output,
    close: () =>
      (closing ??= (async () => {
        await bidi.send('session.end', {}, 3_000).catch(() => {});
        bidi.close();
        if (exited) return;
        const gone = new Promise<void>((r) => child.once('exit', () => r()));
        killGroup(child, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
        await gone;
        clearTimeout(timer);
      })()),
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL') {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

/** A browsing context (tab) and the few things the tests do in it. */
export class Tab {
  constructor(
    readonly bidi: BidiConnection,
    readonly context: string,
  ) {}

  static async open(bidi: BidiConnection): Promise<Tab> {
    const { context } = await bidi.send<{ context: string }>('browsingContext.create', {
      type: 'tab',
    });
    return new Tab(bidi, context);
  }

  async navigate(url: string): Promise<void> {
    await this.bidi.send('browsingContext.navigate', {
      context: this.context,
      url,
      wait: 'complete',
    });
  }

  /**
   * Runs `fn` (its source, as an async function of one JSON argument) in the page and returns its
   * JSON result. Values cross as JSON text, so no RemoteValue decoding is needed.
   */
  async run<T extends Json | void>(fn: string, arg: Json = null): Promise<T> {
    const r = await this.bidi.send<{
      type: 'success' | 'exception';
      result?: { type: string; value?: string };
      exceptionDetails?: { text: string };
    }>('script.callFunction', {
      functionDeclaration: `async (argText) => JSON.stringify(await (${fn})(JSON.parse(argText)) ?? null)`,
      arguments: [{ type: 'string', value: JSON.stringify(arg) }],
      target: { context: this.context },
      awaitPromise: true,
      resultOwnership: 'none',
    });
    if (r.type === 'exception')
      throw new Error(`In page: ${r.exceptionDetails?.text ?? 'exception'}`);
    return JSON.parse(r.result?.value ?? 'null') as T;
  }

  /**
   * Types `text` as a person does (WebDriver BiDi input actions: events the page sees as trusted),
   * into whatever has the focus; `\uE007` is Enter.
   */
  async type(text: string): Promise<void> {
    const actions = [...text].flatMap((value) => [
      { type: 'keyDown', value },
      { type: 'keyUp', value },
    ]);
    await this.bidi.send('input.performActions', {
      context: this.context,
      actions: [{ type: 'key', id: 'keyboard', actions }],
    });
  }

  /** Polls `fn` in the page until it returns something other than null/false; its last value on timeout. */
  async waitFor<T extends Json>(
    fn: string,
    arg: Json,
    what: string,
    timeoutMs = 20_000,
    everyMs = 100,
  ): Promise<T> {
    const until = Date.now() + timeoutMs;
    let last: Json | void = null;
    let lastError: unknown = null;
    while (Date.now() < until) {
      try {
        last = await this.run<T>(fn, arg);
        lastError = null;
        if (last !== null && last !== false) return last as T;
      } catch (e) {
        // A navigation in progress destroys the realm; try again.
        lastError = e;
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
    throw new Error(
      `Timed out waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`,
    );
  }
}
