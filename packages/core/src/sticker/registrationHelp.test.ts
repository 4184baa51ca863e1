import { describe, expect, it } from 'vitest';
import { howToRegisterLine, whatsappLink } from './registrationHelp.js';

describe('howToRegisterLine', () => {
  it('prints the office, one number (WhatsApp first) and the website, in either language', () => {
    const help = { office: 'Kantor Kelurahan Cikaret', phone: '(0251) 123', whatsapp: '+62 812 1', website: 'https://bpjs.example/daftar/' };
    expect(howToRegisterLine(help, 'id')).toBe('Cara daftar: Kantor Kelurahan Cikaret · WA +62 812 1 · bpjs.example/daftar');
    expect(howToRegisterLine({ office: 'X', phone: '(0251) 123' }, 'en')).toBe('How to register: X · Phone (0251) 123');
  });
  it('points to BPJS Ketenagakerjaan’s website where the region set nothing', () => {
    expect(howToRegisterLine(undefined, 'id')).toBe('Cara daftar: www.bpjsketenagakerjaan.go.id');
  });
});

describe('whatsappLink', () => {
  it('writes the number as wa.me digits with the country code', () => {
    expect(whatsappLink('0812-3456-7890')).toBe('https://wa.me/6281234567890');
    expect(whatsappLink('+62 812 3456 7890')).toBe('https://wa.me/6281234567890');
  });
});
