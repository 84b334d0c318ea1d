import { notRedrivableBecause, PREVIEW_LENGTH, safePreview } from './dead-letter.view';

describe(safePreview.name, () => {
  it('should replace invalid UTF-8 with U+FFFD and escape control characters other than tab and newline', () => {
    expect(safePreview(Buffer.from([0x41, 0xff, 0x00, 0x09, 0x0a, 0x1b]))).toBe('A\ufffd\\u0000\t\n\\u001b');
  });

  it('should cut a long value at the preview length with an ellipsis, never inside a surrogate pair', () => {
    const preview = safePreview(Buffer.from('😀'.repeat(PREVIEW_LENGTH + 10)));
    expect([...preview]).toHaveLength(PREVIEW_LENGTH + 1);
    expect(preview.endsWith('😀…')).toBe(true);
  });
});

describe(notRedrivableBecause.name, () => {
  it('should allow UTF-8 text and refuse bytes that are not UTF-8, hold NUL, were too large or already re-driven', () => {
    expect(
      notRedrivableBecause({ value: Buffer.from('{"a":"é"}'), status: 'dead', reason: 'unknown_merchant' }),
    ).toBeNull();
    expect(
      notRedrivableBecause({ value: Buffer.from([0x7b, 0xff]), status: 'dead', reason: 'malformed_json' }),
    ).toMatch(/UTF-8/);
    expect(
      notRedrivableBecause({ value: Buffer.from([0x7b, 0x00]), status: 'dead', reason: 'malformed_json' }),
    ).toMatch(/NUL/);
    expect(
      notRedrivableBecause({ value: Buffer.from('{}'), status: 'redriven', reason: 'unknown_merchant' }),
    ).toBe('already redriven');
    expect(notRedrivableBecause({ value: Buffer.from('{}'), status: 'dead', reason: 'too_large' })).toMatch(
      /larger/,
    );
  });
});
