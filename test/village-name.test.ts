import { describe, expect, it } from 'vitest';
import { namesItsKind } from '../src/domain/village-name.js';
import { en } from '../src/reports/messages/en.js';
import { id } from '../src/reports/messages/id.js';

describe('the village name in report headings', () => {
  it('knows a name that already says Desa or Kelurahan', () => {
    expect(namesItsKind('Desa Socorejo')).toBe(true);
    expect(namesItsKind('KELURAHAN Kutorejo')).toBe(true);
    expect(namesItsKind('Socorejo')).toBe(false);
    expect(namesItsKind('Desalinasi')).toBe(false);
  });

  it('never prints "Pemerintah Desa Desa"', () => {
    expect(id.header('Desa Socorejo')).toBe('Pemerintah Desa Socorejo');
    expect(id.header('Socorejo')).toBe('Pemerintah Desa Socorejo');
    expect(id.header('Kelurahan Kutorejo')).toBe('Pemerintah Kelurahan Kutorejo');
    expect(en.header('Desa Socorejo')).toBe('Government of Desa Socorejo');
    expect(en.header('Socorejo')).toBe('Village Government of Socorejo');
  });
});
