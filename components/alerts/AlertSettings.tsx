/**
 * "While you are away": notifications about jobs, and keeping the computer awake while codes
 * are created or deleted. Both are optional permissions, asked for only when the merchant
 * turns them on here (a click in an extension page); the extension works fully without them.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { UiBridge } from '@/utils/ui/bridge';
import type { Permissions } from '@/utils/ui/permissions';
import { i18n } from '#i18n';

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
        ? i18n.t('alerts.notifyOff')
        : granted
          ? i18n.t('alerts.notifyOn')
          : i18n.t('alerts.notifyRefused'),
    );
    await load();
  };
  const toggleAwake = async (on: boolean) => {
    const granted = on
      ? await permissions.request('power')
      : (await permissions.remove('power'), true);
    setStatus(
      !on
        ? i18n.t('alerts.awakeOff')
        : granted
          ? i18n.t('alerts.awakeOn')
          : i18n.t('alerts.awakeRefused'),
    );
    await load();
  };

  const Heading = props.heading ?? 'h2';
  return (
    <section class="bcm-card" aria-labelledby="bcm-alerts-title">
      <Heading id="bcm-alerts-title">{i18n.t('alerts.title')}</Heading>
      <p class="bcm-muted">{i18n.t('alerts.intro')}</p>
      <div class="bcm-check">
        <input
          id="bcm-alerts-notify"
          type="checkbox"
          checked={shown?.notify ?? false}
          disabled={shown === null}
          onChange={(e) => void toggleNotify(e.currentTarget.checked)}
        />
        <label for="bcm-alerts-notify">{i18n.t('alerts.notify')}</label>
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
          <label for="bcm-alerts-awake">{i18n.t('alerts.awake')}</label>
        </div>
      ) : null}
      <p role="status" class="bcm-muted">
        {status}
      </p>
    </section>
  );
}
