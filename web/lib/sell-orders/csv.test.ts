import { describe, expect, it } from 'vitest';
import { Status } from '../chain/order.ts';
import { type CsvLabels, type CsvOrder, csvCell, csvFileName, ordersCsv, toCsv } from './csv.ts';

const english: CsvLabels = {
  header: {
    orderId: 'Order ID',
    date: 'Date (UTC)',
    listingId: 'Listing ID',
    listing: 'Listing',
    quantity: 'Quantity',
    token: 'Currency',
    tokenAddress: 'Token address',
    amount: 'Amount paid',
    refunded: 'Refunded',
    net: 'Net amount',
    fee: 'Platform fee',
    status: 'Status',
    buyer: 'Buyer',
  },
  status: (status, partlyRefunded) => `${Status[status]}${partlyRefunded ? ' (partly refunded)' : ''}`,
};

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
    refunded: '0',
    fee: '1610000',
    status: 4,
    buyer: '0xb0',
  };

  it('writes a header and one row per order with decimal amounts and UTC dates, in the labels given', () => {
    const lines = ordersCsv([order, { ...order, id: '43', fee: null, status: 1, symbol: 'ETH', decimals: 18, originalAmount: '10000000000000000' }], english).split('\r\n');
    expect(lines[0]).toBe('Order ID,Date (UTC),Listing ID,Listing,Quantity,Currency,Token address,Amount paid,Refunded,Net amount,Platform fee,Status,Buyer');
    expect(lines[1]).toBe(`42,2023-11-14T22:13:20Z,7,"'=cmd|""/c calc""!A1, tea",2,tUSD,0x5fbdb2315678afecb367f032d93f642f64180aa3,80.5,0,80.5,1.61,Completed,0xb0`);
    expect(lines[2]).toBe('43,2023-11-14T22:13:20Z,7,"\'=cmd|""/c calc""!A1, tea",2,ETH,0x5fbdb2315678afecb367f032d93f642f64180aa3,0.01,0,0.01,,Paid,0xb0');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
  });

  it('nets refunds out of the amount and says when an order was partly refunded', () => {
    const partial = ordersCsv([{ ...order, status: 1, fee: null, refunded: '500000' }], english).split('\r\n')[1];
    expect(partial).toContain(',80.5,0.5,80,,Paid (partly refunded),');
    const full = ordersCsv([{ ...order, status: 5, fee: null, refunded: '80500000' }], english).split('\r\n')[1];
    expect(full).toContain(',80.5,80.5,0,,Refunded,');
  });

  it('keeps formulas defused in translated headers and statuses', () => {
    const hostile: CsvLabels = { header: { ...english.header, buyer: '=1+1' }, status: () => '@status' };
    const [header, row] = ordersCsv([order], hostile).split('\r\n');
    expect(header.endsWith(",'=1+1")).toBe(true);
    expect(row).toContain(",'@status,");
  });

  it('names the file after the merchant and the day', () => {
    expect(csvFileName('0xABCDEF0123456789', 1700000000)).toBe('chainmart-orders-0xabcdef01-2023-11-14.csv');
  });
});
