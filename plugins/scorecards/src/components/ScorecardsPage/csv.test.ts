import { overviewCsv, toCsv } from './csv';
import {
  overviewRow,
  productionReadiness,
  security,
} from '../../__testUtils__/fixtures';

describe('toCsv', () => {
  it('joins plain cells with commas and ends every line with CRLF', () => {
    expect(
      toCsv([
        ['a', 'b'],
        [1, null, undefined],
      ]),
    ).toBe('a,b\r\n1,,\r\n');
  });

  it('quotes cells with commas, quotes or line breaks and doubles their quotes', () => {
    expect(
      toCsv([['payments, EU', 'the "new" one', 'two\nlines', 'cr\rlf']]),
    ).toBe('"payments, EU","the ""new"" one","two\nlines","cr\rlf"\r\n');
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(
      toCsv([['=HYPERLINK("http://evil")', '+1', '-2', '@SUM(A1)', 'a=b']]),
    ).toBe(`"'=HYPERLINK(""http://evil"")",'+1,'-2,'@SUM(A1),a=b\r\n`);
  });

  it('guards a formula and then quotes it when it needs both', () => {
    expect(toCsv([['=1,2']])).toBe(`"'=1,2"\r\n`);
  });
});

describe('overviewCsv', () => {
  it('writes one column per scorecard: the level, none, or empty when it does not apply', () => {
    const csv = overviewCsv(
      [
        overviewRow('checkout-service'),
        overviewRow('web', {
          kind: 'API',
          owner: undefined,
          system: undefined,
          levels: { security: 'silver' },
          evaluatedAt: '2026-11-21T08:30:00.000Z',
        }),
      ],
      [productionReadiness, security],
    );
    expect(csv.split('\r\n')).toEqual([
      'entity,kind,owner,system,production-readiness,security,evaluated at',
      'component:default/checkout-service,Component,group:default/payments,system:default/checkout,bronze,none,2026-11-20T10:00:00.000Z',
      'component:default/web,API,,,,silver,2026-11-21T08:30:00.000Z',
      '',
    ]);
  });
});
