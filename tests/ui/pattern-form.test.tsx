// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { PatternParamsSchema } from '@/utils/jobs/schemas';
import { NOW, PROMOTION_ID, STORE_HASH } from './fixtures';
import { renderPanel, settle } from './render-panel';

beforeEach(() => {
  vi.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const form = () => screen.getByRole('form', { name: 'Generate codes' });
const patternField = () => screen.getByRole('textbox', { name: 'Pattern' }) as HTMLInputElement;
const samples = () =>
  Array.from(document.querySelectorAll('#bcm-pattern-samples code')).map(
    (c) => c.textContent ?? '',
  );

function type(label: string, value: string) {
  const input = screen.getByLabelText(label) as HTMLInputElement;
  fireEvent.input(input, { target: { value } });
  return input;
}

async function patternMode() {
  const r = await renderPanel();
  fireEvent.click(screen.getByRole('radio', { name: 'Codes in my own pattern' }));
  return r;
}

/** The Pattern field's error: beside it, announced, the field marked invalid. */
function patternError(): string {
  const input = patternField();
  expect(input.getAttribute('aria-invalid')).toBe('true');
  const message = document.getElementById('bcm-pattern-message')!;
  expect(message.getAttribute('role')).toBe('alert');
  expect(input.getAttribute('aria-describedby')?.split(' ')).toContain('bcm-pattern-message');
  return message.textContent ?? '';
}

async function submit() {
  fireEvent.click(screen.getByRole('button', { name: 'Generate codes' }));
  await settle();
}

describe('how codes are made', () => {
  test('a radio group with a visible legend; BigCommerce by default, its fields as before', async () => {
    await renderPanel();
    const group = within(form()).getByRole('group', { name: 'How codes are made' });
    const fast = within(group).getByRole('radio', {
      name: 'Codes made by BigCommerce (fast)',
    }) as HTMLInputElement;
    const own = within(group).getByRole('radio', {
      name: 'Codes in my own pattern',
    }) as HTMLInputElement;
    expect(fast.checked).toBe(true);
    expect(own.checked).toBe(false);
    expect(screen.queryByRole('textbox', { name: 'Pattern' })).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Prefix' })).toBeTruthy();
  });

  test('the pattern way: Pattern and Characters instead of prefix and length; the shared fields stay', async () => {
    await patternMode();
    for (const gone of ['Prefix', 'Suffix', 'Code length', 'Characters to leave out'])
      expect(screen.queryByRole('textbox', { name: gone })).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Delimiter' })).toBeNull();
    for (const label of [
      'Number of codes',
      'Max uses per code',
      'Max uses per customer',
      'Pattern',
    ])
      expect(screen.getByRole('textbox', { name: label })).toBeTruthy();
    const hint = document.getElementById(
      patternField().getAttribute('aria-describedby')!.split(' ')[0]!,
    );
    expect(hint?.textContent).toMatch(/each # is a random character, e\.g\. SPRING-####-####/i);
    const characters = screen.getByRole('combobox', { name: 'Characters' }) as HTMLSelectElement;
    expect(Array.from(characters.options).map((o) => o.textContent)).toEqual([
      'Letters and digits',
      'Letters',
      'Digits',
      'Lower-case letters and digits',
      'Your own set',
    ]);
    expect(screen.queryByRole('textbox', { name: 'Your characters' })).toBeNull();
  });
});

describe('codes in my own pattern', () => {
  test('samples in the pattern and the characters chosen (lower case), the room, and the request', async () => {
    const { fake } = await patternMode();
    type('Pattern', 'spring-####-####');
    fireEvent.change(screen.getByRole('combobox', { name: 'Characters' }), {
      target: { value: 'lower-digits' },
    });
    expect(samples()).toHaveLength(3);
    for (const code of samples()) expect(code).toMatch(/^spring-[a-z0-9]{4}-[a-z0-9]{4}$/);
    expect(new Set(samples()).size).toBe(3);
    // 36 characters, of which 26 letters the store counts once whatever their case: 36^8.
    expect(document.getElementById('bcm-pattern-samples')?.textContent).toContain(
      'This pattern can make about 2.8 × 10^12 codes.',
    );
    // The samples describe the field, so a screen reader hears them with it.
    expect(patternField().getAttribute('aria-describedby')?.split(' ')).toContain(
      'bcm-pattern-samples',
    );
    expect(patternField().getAttribute('aria-invalid')).toBeNull();

    type('Number of codes', '1,500');
    type('Max uses per code', '3');
    await submit();
    const sent = fake.sent('startJob') as Array<{ params: unknown }>;
    expect(sent).toEqual([
      {
        kind: 'pattern',
        storeHash: STORE_HASH,
        promotionId: PROMOTION_ID,
        params: {
          count: 1500,
          maxUses: 3,
          maxUsesPerCustomer: 1,
          pattern: 'spring-####-####',
          characterSet: 'lower-digits',
          ownCharacters: '',
        },
      },
    ]);
    expect(PatternParamsSchema.safeParse(sent[0]!.params).success).toBe(true);
  });

  test('digits only, and the room said as a count', async () => {
    await patternMode();
    type('Pattern', 'GIFT-######');
    fireEvent.change(screen.getByRole('combobox', { name: 'Characters' }), {
      target: { value: 'digits' },
    });
    for (const code of samples()) expect(code).toMatch(/^GIFT-\d{6}$/);
    expect(document.getElementById('bcm-pattern-samples')?.textContent).toContain(
      'This pattern can make 1,000,000 codes.',
    );
  });

  test('samples change only when the pattern or the characters change', async () => {
    await patternMode();
    type('Pattern', 'A-########');
    const first = samples();
    type('Number of codes', '10');
    type('Max uses per customer', '4');
    fireEvent.blur(screen.getByLabelText('Max uses per customer'));
    expect(samples()).toEqual(first);
    type('Pattern', 'B-########');
    const second = samples();
    expect(second).not.toEqual(first);
    for (const code of second) expect(code).toMatch(/^B-[A-Z0-9]{8}$/);
    fireEvent.change(screen.getByRole('combobox', { name: 'Characters' }), {
      target: { value: 'letters' },
    });
    for (const code of samples()) expect(code).toMatch(/^B-[A-Z]{8}$/);
  });

  test.each([
    ['SPRING', '', /has no #/],
    [`${'A'.repeat(40)}-##########`, '', /has 51 characters; codes may have at most 50/],
    ['SPR!NG-####', '', /characters codes cannot have \(“!”\)/],
    ['A##', '5000', /This pattern can make 1,296 codes; 5,000 codes need at least 500,000/],
  ])(
    '%j with %j codes: the error beside the field, and nothing sent',
    async (pattern, count, words) => {
      const { fake } = await patternMode();
      if (count) type('Number of codes', count);
      type('Pattern', pattern);
      // Said as it is typed, not only after leaving the field.
      expect(patternError()).toMatch(words);
      await submit();
      expect(patternError()).toMatch(words);
      expect(fake.sent('startJob')).toEqual([]);
    },
  );

  test('a pattern too small for the count: nothing sent, focus on the field to fix', async () => {
    const { fake } = await patternMode();
    type('Number of codes', '20,000');
    type('Pattern', 'X-###');
    fireEvent.change(screen.getByRole('combobox', { name: 'Characters' }), {
      target: { value: 'digits' },
    });
    expect(patternError()).toMatch(/can make 1,000 codes; 20,000 codes need at least 2,000,000/);
    // The room is said once, in the error.
    expect(document.getElementById('bcm-pattern-samples')?.textContent).not.toContain(
      'This pattern can make',
    );
    await submit();
    expect(fake.sent('startJob')).toEqual([]);
    expect(document.activeElement).toBe(patternField());
  });

  test('an empty pattern is asked for after a submit, and the count too', async () => {
    const { fake } = await patternMode();
    expect(patternField().getAttribute('aria-invalid')).toBeNull();
    await submit();
    expect(patternError()).toMatch(/Type a pattern/);
    expect(
      screen.getByRole('textbox', { name: 'Number of codes' }).getAttribute('aria-invalid'),
    ).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Number of codes' }));
    expect(fake.sent('startJob')).toEqual([]);
  });

  test('your own set: its field, samples from it alone, its error beside it, and sent de-duplicated', async () => {
    const { fake } = await patternMode();
    type('Pattern', 'VIP-#########');
    fireEvent.change(screen.getByRole('combobox', { name: 'Characters' }), {
      target: { value: 'custom' },
    });
    const own = type('Your characters', 'X');
    expect(own.getAttribute('aria-invalid')).toBe('true');
    const message = document.getElementById('bcm-ownCharacters-message')!;
    expect(message.getAttribute('role')).toBe('alert');
    expect(message.textContent).toMatch(/at least two different characters/);
    // The pattern itself is fine: no error beside it.
    expect(patternField().getAttribute('aria-invalid')).toBeNull();
    expect(samples()).toEqual([]);

    type('Your characters', 'XYZXYZ');
    expect(own.getAttribute('aria-invalid')).toBeNull();
    for (const code of samples()) expect(code).toMatch(/^VIP-[XYZ]{9}$/);
    type('Number of codes', '100');
    await submit();
    expect(fake.sent('startJob')).toEqual([
      {
        kind: 'pattern',
        storeHash: STORE_HASH,
        promotionId: PROMOTION_ID,
        params: {
          count: 100,
          maxUses: 1,
          maxUsesPerCustomer: 1,
          pattern: 'VIP-#########',
          characterSet: 'custom',
          ownCharacters: 'XYZ',
        },
      },
    ]);
  });

  test('back to BigCommerce: its form sends a generate as before', async () => {
    const { fake } = await patternMode();
    type('Pattern', 'SPRING');
    fireEvent.click(screen.getByRole('radio', { name: 'Codes made by BigCommerce (fast)' }));
    type('Number of codes', '100');
    await submit();
    expect((fake.sent('startJob')[0] as { kind: string }).kind).toBe('generate');
  });
});
