/** `npm run sandbox`: start the sandbox store and print how to reach it. */
import { parseCliArgs, usage } from './cli-args';
import { startSandbox, type Sandbox } from './server';
import { FIRST_EXTRA_ID } from './store';

function banner(sb: Sandbox, plan: string, limits: string, extra = 0): string {
  const h = sb.storeHash;
  const rules = `MAP api.bigcommerce.com 127.0.0.1:${sb.port}, MAP *.mybigcommerce.com 127.0.0.1:${sb.port}`;
  return [
    `BigCommerce sandbox store listening on ${sb.origin} (plan ${plan}, limits ${limits})`,
    '',
    `API base:       https://api.bigcommerce.com/stores/${h}/v3`,
    `                ${sb.apiBase}`,
    `Control panel:  https://store-${h}.mybigcommerce.com/manage/marketing/promotions`,
    `                ${sb.panelUrl}`,
    '',
    `Token (modify):     ${sb.tokens.modify}`,
    `Token (read-only):  ${sb.tokens.readOnly}`,
    '',
    `Promotions: bulk ${sb.promotions.bulk}, bulk (empty) ${sb.promotions.bulkEmpty}, single ${sb.promotions.single}, automatic ${sb.promotions.automatic}` +
      (extra > 0
        ? `, and ${extra} more bulk (${FIRST_EXTRA_ID} to ${FIRST_EXTRA_ID + extra - 1})`
        : ''),
    '',
    `Sink (another host, where the redirect fault points): ${sb.sink.origin}`,
    '',
    `Certificate SPKI sha256: ${sb.cert.spkiSha256}`,
    'Point Chromium at it with:',
    `  --host-resolver-rules="${rules}"`,
    `  --ignore-certificate-errors-spki-list=${sb.cert.spkiSha256}`,
    '',
    `Inspection: ${sb.origin}/__sandbox/stats, /__sandbox/codes?promotion=1, /__sandbox/sink, POST /__sandbox/reset, POST /__sandbox/configure`,
    'Ctrl+C to stop.',
  ].join('\n');
}

async function main(): Promise<void> {
  const parsed = parseCliArgs(process.argv.slice(2), process.env);
  if (parsed.kind === 'help') {
    console.log(usage());
    return;
  }
  if (parsed.kind === 'error') {
    console.error(`sandbox: ${parsed.message}\nRun with --help for the flags.`);
    process.exit(2);
  }
  let sb: Sandbox;
  try {
    sb = await startSandbox(parsed.options);
  } catch (e) {
    console.error(`sandbox: could not start: ${(e as Error).message}`);
    process.exit(1);
  }
  console.log(
    banner(
      sb,
      parsed.options.plan ?? 'standard',
      parsed.options.limits ?? 'current',
      parsed.options.seed?.bulkPromotions,
    ),
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the sandbox.`);
    sb.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
