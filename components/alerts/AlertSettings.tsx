/**
 * "While you are away": notifications about jobs, and keeping the computer awake while codes
 * are created or deleted. Both are optional permissions, asked for only when the merchant
 * turns them on here (a click in an extension page); the extension works fully without them.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { UiBridge } from '@/utils/ui/bridge';
import type { Permissions } from '@/utils/ui/permissions';

interface Shown {
  notify: boolean;
  awake: boolean;
}

export function AlertSettings(props: {
  bridge: UiBridge;
  permissions: Permissions;
  /** The heading's level: a section of the settings, or the whole small page. */
  heading?: 'h1' | 'h2';
}): JSX.Element {
  const { bridge, permissions } = props;
  const [shown, setShown] = useState<Shown | null>(null);
  const [status, setStatus] = useState('');
  const awakeOffered = permissions.offered('power');

  const load = async () => {
    const [settings, notify, awake] = await Promise.all([
      bridge.send('getAlerts'),
      permissions.has('notifications'),
      permissions.has('power'),
    ]);
    setShown({ notify: notify && (!settings.ok || settings.value.notifications), awake });
  };
  useEffect(() => {
    void load();
  }, []);

  const toggleNotify = async (on: boolean) => {
    // The browser's prompt first, straight from the click: it must come from a gesture.
    const granted = on ? await permissions.request('notifications') : true;
    await bridge.send('setAlerts', { notifications: on && granted });
    setStatus(
      !on
        ? 'Notifications are off.'
        : granted
          ? 'Notifications are on: you will hear when a job completes, pauses, fails or waits for you.'
          : 'The browser did not allow notifications. Everything else works as before.',
    );
    await load();
  };
  const toggleAwake = async (on: boolean) => {
    const granted = on
      ? await permissions.request('power')
      : (await permissions.remove('power'), true);
    setStatus(
      !on
        ? 'The computer may sleep as usual.'
        : granted
          ? 'The computer stays awake while codes are created or deleted.'
          : 'The browser did not allow it. Everything else works as before.',
    );
    await load();
  };

  const Heading = props.heading ?? 'h2';
  return (
    <section class="bcm-card" aria-labelledby="bcm-alerts-title">
      <Heading id="bcm-alerts-title">While you are away</Heading>
      <p class="bcm-muted">
        Long jobs go on with the control panel closed, as long as the browser is open. The toolbar
        button shows their progress, and a red “!” when one needs you.
      </p>
      <div class="bcm-check">
        <input
          id="bcm-alerts-notify"
          type="checkbox"
          checked={shown?.notify ?? false}
          disabled={shown === null}
          onChange={(e) => void toggleNotify(e.currentTarget.checked)}
        />
        <label for="bcm-alerts-notify">
          Notify me when a job completes, pauses, fails or waits for my confirmation
        </label>
      </div>
      {awakeOffered ? (
        <div class="bcm-check">
          <input
            id="bcm-alerts-awake"
            type="checkbox"
            checked={shown?.awake ?? false}
            disabled={shown === null}
            onChange={(e) => void toggleAwake(e.currentTarget.checked)}
          />
          <label for="bcm-alerts-awake">
            Keep this computer awake while codes are created or deleted
          </label>
        </div>
      ) : null}
      <p role="status" class="bcm-muted">
        {status}
      </p>
    </section>
  );
}
