import { CN_2026 } from '@merchant-pulse/business-calendar';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readHolidayScheduleFile } from './holiday-schedule.file';

const dir = mkdtempSync(join(tmpdir(), 'holiday-file-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe(readHolidayScheduleFile.name, () => {
  it('should return the schedules of a valid file', () => {
    const path = file('ok.json', JSON.stringify([CN_2026]));
    expect(readHolidayScheduleFile(path)).toEqual([CN_2026]);
  });

  it('should refuse a missing file, a file that is not JSON and one that is not a list, naming the key', () => {
    expect(() => readHolidayScheduleFile(join(dir, 'absent.json'))).toThrow(
      /^HOLIDAY_SCHEDULES_FILE: cannot read/,
    );
    expect(() => readHolidayScheduleFile(file('bad.json', '{"region":'))).toThrow(
      /^HOLIDAY_SCHEDULES_FILE: cannot read/,
    );
    expect(() => readHolidayScheduleFile(file('obj.json', JSON.stringify(CN_2026)))).toThrow(
      /must hold a JSON list/,
    );
  });

  it('should name every invalid schedule and a region-year listed twice', () => {
    const bad = { ...CN_2026, holidays: ['2026-13-01'], source: '' };
    const path = file('invalid.json', JSON.stringify([CN_2026, bad]));
    expect(() => readHolidayScheduleFile(path)).toThrow(
      `HOLIDAY_SCHEDULES_FILE: ${path}: [1].holidays: "2026-13-01" is not a YYYY-MM-DD date; ` +
        `[1].source: say where the dates come from (e.g. the State Council notice); [1]: CN/2026 is listed twice`,
    );
  });
});
