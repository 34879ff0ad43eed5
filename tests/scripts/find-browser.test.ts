import { describe, expect, test } from 'vitest';
import { findChromium, findFirefox, hasDisplay, type BrowserEnv } from '../../scripts/find-browser';

function fakeEnv(patch: Partial<BrowserEnv> & { files?: string[] }): BrowserEnv {
  const files = new Set(patch.files ?? []);
  return {
    platform: 'linux',
    env: {},
    canRun: (p) => files.has(p),
    which: () => null,
    chromeLauncher: () => [],
    ...patch,
  };
}

describe('finding the browser for npm start', () => {
  test('CHROME_PATH wins, wherever it points', () => {
    const e = fakeEnv({
      env: { CHROME_PATH: '/opt/elsewhere/chromium' },
      files: ['/opt/elsewhere/chromium', '/usr/bin/chromium'],
    });
    expect(findChromium(e)).toEqual({ path: '/opt/elsewhere/chromium', source: 'CHROME_PATH' });
  });

  test('a CHROME_PATH that cannot run is an error, not another browser', () => {
    const e = fakeEnv({ env: { CHROME_PATH: '/nope' }, files: ['/usr/bin/chromium'] });
    expect(() => findChromium(e)).toThrow(/CHROME_PATH names \/nope/);
  });

  test("chrome-launcher's Chrome; Chromium first when both are there", () => {
    const chrome = '/usr/bin/google-chrome-stable';
    expect(findChromium(fakeEnv({ chromeLauncher: () => [chrome], files: [chrome] }))?.path).toBe(
      chrome,
    );
    expect(
      findChromium(
        fakeEnv({ chromeLauncher: () => [chrome], files: [chrome, '/usr/bin/chromium'] }),
      )?.path,
    ).toBe('/usr/bin/chromium');
  });

  test('Edge and Chromium where chrome-launcher does not look (macOS, Windows)', () => {
    const edge = '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge';
    expect(findChromium(fakeEnv({ platform: 'darwin', files: [edge] }))?.path).toBe(edge);
    const win = fakeEnv({
      platform: 'win32',
      env: { PROGRAMFILES: 'C:\\Program Files' },
      files: ['C:\\Program Files/Microsoft/Edge/Application/msedge.exe'],
    });
    expect(findChromium(win)?.path).toMatch(/msedge\.exe$/);
  });

  test('none found: null (npm start then installs Debian’s Chromium, on Debian)', () => {
    expect(findChromium(fakeEnv({}))).toBeNull();
  });

  test('Firefox: FIREFOX_PATH, else the usual places, ESR included', () => {
    expect(
      findFirefox(fakeEnv({ env: { FIREFOX_PATH: '/x/firefox' }, files: ['/x/firefox'] })),
    ).toEqual({ path: '/x/firefox', source: 'FIREFOX_PATH' });
    expect(findFirefox(fakeEnv({ files: ['/usr/bin/firefox-esr'] }))?.path).toBe(
      '/usr/bin/firefox-esr',
    );
    const mac = '/Applications/Firefox.app/Contents/MacOS/firefox';
    expect(findFirefox(fakeEnv({ platform: 'darwin', files: [mac] }))?.path).toBe(mac);
  });

  test('a display: always on macOS and Windows, DISPLAY or WAYLAND_DISPLAY on Linux', () => {
    expect(hasDisplay(fakeEnv({ platform: 'darwin' }))).toBe(true);
    expect(hasDisplay(fakeEnv({ platform: 'win32' }))).toBe(true);
    expect(hasDisplay(fakeEnv({}))).toBe(false);
    expect(hasDisplay(fakeEnv({ env: { DISPLAY: ':0' } }))).toBe(true);
    expect(hasDisplay(fakeEnv({ env: { WAYLAND_DISPLAY: 'wayland-0' } }))).toBe(true);
    expect(hasDisplay(fakeEnv({ env: { DISPLAY: '' } }))).toBe(false);
  });
});
