it('detects png', async () => {
  const { fileTypeFromBuffer } = await import('file-type');
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  expect((await fileTypeFromBuffer(png))?.mime).toBe('image/png');
});
