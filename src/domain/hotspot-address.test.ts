import { describe, expect, it } from 'vitest';
import { isHotspotUrl, normalizeHotspotAddress } from './hotspot-address.js';

describe('hotspot address', () => {
  it('takes a host, an IPv4 address or host:port, in one form', () => {
    expect(normalizeHotspotAddress(' 10.5.50.1 ')).toBe('10.5.50.1');
    expect(normalizeHotspotAddress('Hotspot.Desa')).toBe('hotspot.desa');
    expect(normalizeHotspotAddress('10.5.50.1:8080')).toBe('10.5.50.1:8080');
    expect(normalizeHotspotAddress('10.5.50.1:80')).toBe('10.5.50.1:80');
    for (const bad of [
      '',
      'http://10.5.50.1',
      '10.5.50.1/login',
      'a b',
      'user@host',
      '10.5.50.1:99999',
      '-x-',
    ]) {
      expect(normalizeHotspotAddress(bad), bad).toBeUndefined();
    }
  });

  it('matches a login URL only on the router host and its port', () => {
    const a = ['10.5.50.1', 'hotspot.desa:8080'];
    expect(isHotspotUrl('http://10.5.50.1/login', a)).toBe(true);
    expect(isHotspotUrl('https://10.5.50.1/login', a)).toBe(true);
    expect(isHotspotUrl('http://hotspot.desa:8080/login', a)).toBe(true);
    expect(isHotspotUrl('http://10.5.50.1:8081/login', a)).toBe(false);
    expect(isHotspotUrl('http://hotspot.desa/login', a)).toBe(false);
    expect(isHotspotUrl('http://evil.example/x', a)).toBe(false);
    expect(isHotspotUrl('http://10.5.50.1.evil.example/login', a)).toBe(false);
    expect(isHotspotUrl('http://x@10.5.50.1/login', a)).toBe(false);
    expect(isHotspotUrl('javascript:alert(1)', a)).toBe(false);
    expect(isHotspotUrl('http://evil.example/x', [])).toBe(false);
  });
});
