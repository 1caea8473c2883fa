import { describe, expect, it } from 'vitest';
import { maskContactData } from '../../../src/ingest/mask';

describe('maskContactData', () => {
  it('masks a Chinese mobile number keeping its first three and last four digits', () => {
    expect(maskContactData('我的电话13812345678，请联系')).toBe('我的电话138****5678，请联系');
  });
  it('masks e-mail addresses keeping the first letter and the domain', () => {
    expect(maskContactData('mail me at zhang.san@example.com.')).toBe('mail me at z***@example.com.');
  });
  it('masks international numbers', () => {
    expect(maskContactData('call +44 20 7946 0958 now')).toBe('call +44 ******0958 now');
    expect(maskContactData('call +7-495-123-45-67')).not.toContain('123');
  });
  it('masks a landline', () => {
    expect(maskContactData('座机 010-62345678')).toBe('座机 010-****5678');
  });
  it('leaves order numbers and product codes alone', () => {
    const text = '订单号 2311051234567890，商品 SKU13812345678X，数量 2';
    expect(maskContactData(text)).toBe(text);
  });
  it('is idempotent: masking masked text changes nothing', () => {
    const once = maskContactData('13812345678 a@b.cn');
    expect(maskContactData(once)).toBe(once);
  });
});
