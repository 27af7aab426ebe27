import { describe, expect, it } from 'vitest';
import { type CsvOrder, csvCell, csvFileName, ordersCsv, toCsv } from './csv.ts';

describe('csvCell', () => {
  it('leaves plain values alone', () => {
    expect(csvCell('tea')).toBe('tea');
    expect(csvCell(12n)).toBe('12');
    expect(csvCell(null)).toBe('');
    expect(csvCell('中文 · English')).toBe('中文 · English');
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rlf')).toBe('"cr\rlf"');
  });

  it('defuses formulas', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('a=b')).toBe('a=b');
  });
});

describe('toCsv', () => {
  it('joins with commas and CRLF, ending with CRLF', () => {
    expect(toCsv([['a', 'b'], ['1', '2,3']])).toBe('a,b\r\n1,"2,3"\r\n');
  });
});

describe('ordersCsv', () => {
  const order: CsvOrder = {
    id: '42',
    placedAt: '1700000000',
    listingId: '7',
    listingTitle: '=cmd|"/c calc"!A1, tea',
    quantity: '2',
    token: '0x5fbdb2315678afecb367f032d93f642f64180aa3',
    symbol: 'tUSD',
    decimals: 6,
    originalAmount: '80500000',
    fee: '1610000',
    status: 4,
    buyer: '0xb0',
  };

  it('writes a header and one row per order with decimal amounts and UTC dates', () => {
    const lines = ordersCsv([order, { ...order, id: '43', fee: null, status: 1, symbol: 'ETH', decimals: 18, originalAmount: '10000000000000000' }]).split('\r\n');
    expect(lines[0]).toBe('order_id,date_utc,listing_id,listing,quantity,token,token_address,amount,fee,status,buyer');
    expect(lines[1]).toBe(`42,2023-11-14T22:13:20Z,7,"'=cmd|""/c calc""!A1, tea",2,tUSD,0x5fbdb2315678afecb367f032d93f642f64180aa3,80.5,1.61,Completed,0xb0`);
    expect(lines[2]).toBe('43,2023-11-14T22:13:20Z,7,"\'=cmd|""/c calc""!A1, tea",2,ETH,0x5fbdb2315678afecb367f032d93f642f64180aa3,0.01,,Paid,0xb0');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
  });

  it('names the file after the merchant and the day', () => {
    expect(csvFileName('0xABCDEF0123456789', 1700000000)).toBe('chainmart-orders-0xabcdef01-2023-11-14.csv');
  });
});
