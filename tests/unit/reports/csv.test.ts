import { parse } from 'csv-parse/browser/esm/sync';
import { describe, expect, it } from 'vitest';
import { BOM, csvField, csvStream, csvText } from '../../../src/reports/csv';

const tricky = ['亲，您好', '他说"不知道"', '第一行\n第二行', '逗号,和"引号"\r\n都有', '', 'plain'];

describe('CSV (RFC 4180)', () => {
  it('quotes fields with commas, quotes and line breaks, doubles inner quotes, and ends lines with CRLF', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('他说"好"')).toBe('"他说""好"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField(null)).toBe('');
    expect(csvField(85.5)).toBe('85.5');
    expect(csvText(['a', 'b'], [[1, 'x']])).toBe(`${BOM}a,b\r\n1,x\r\n`);
  });

  it('never lets a text cell start a spreadsheet formula; numbers stay numbers', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+86 138')).toBe("'+86 138");
    expect(csvField(-3.5)).toBe('-3.5');
  });

  it('reads back the same Chinese text through a CSV parser, BOM first', () => {
    const text = csvText(['列一', '列二'], tricky.map((t, i) => [t, i]));
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(text, { bom: true }) as string[][];
    expect(rows[0]).toEqual(['列一', '列二']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(tricky);
  });

  it('streams page by page, reading the next page only when the reader asks', async () => {
    let asked = 0;
    async function* pages() {
      for (let p = 0; p < 3; p++) {
        asked++;
        yield [[`第${p}页`, p]];
      }
    }
    const stream = csvStream(['页', '号'], pages());
    const reader = stream.getReader();
    const first = await reader.read();
    // The byte order mark Excel needs: EF BB BF (a default TextDecoder would hide it).
    expect([...first.value!.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(first.value)).toBe(`${BOM}页,号\r\n`);
    expect(asked).toBe(0);
    const second = await reader.read();
    expect(new TextDecoder().decode(second.value)).toBe('第0页,0\r\n');
    expect(asked).toBe(1);
    let rest = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest += new TextDecoder().decode(value);
    }
    expect(rest).toBe('第1页,1\r\n第2页,2\r\n');
  });
});
