// An invoice as a PDF file (Download an invoice file): one page, drawn with
// pdfkit, from the same invoice object the API answers.
import PDFDocument from 'pdfkit';
import type { Invoice } from './model.ts';

export interface InvoiceParty {
  account_name: string;
  account_number: number;
  contact?: Record<string, string>;
}

const money = (n: number, currency: string) => `${n.toFixed(2)} ${currency}`;

export function invoicePdf(invoice: Invoice, party: InvoiceParty, creationDate: Date): Promise<Buffer> {
  // The creation date comes from the invoice so the same invoice gives the same bytes.
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Invoice ${invoice.invoice_number}`, Author: 'OpenZoom', CreationDate: creationDate } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.fontSize(20).text('Invoice', { align: 'right' });
  doc.fontSize(10).text(`Invoice number: ${invoice.invoice_number}`, { align: 'right' });
  doc.text(`Invoice date: ${invoice.invoice_date}`, { align: 'right' });
  doc.text(`Due date: ${invoice.due_date}`, { align: 'right' });
  doc.moveDown();
  doc.fontSize(12).text(`Bill to: ${party.account_name} (account ${party.account_number})`);
  const c = party.contact;
  if (c) {
    doc.fontSize(10).text([`${c.first_name ?? ''} ${c.last_name ?? ''}`.trim(), c.email, c.address, c.apt, `${c.city ?? ''} ${c.state ?? ''} ${c.zip ?? ''}`.trim(), c.country].filter((l) => l).join('\n'));
  }
  doc.moveDown();
  doc.fontSize(10);
  const cols = [50, 250, 340, 390, 470];
  const row = (cells: string[]) => {
    const y = doc.y;
    cells.forEach((text, i) => doc.text(text, cols[i]!, y, { width: (cols[i + 1] ?? 545) - cols[i]! - 5 }));
    doc.moveDown(0.5);
    doc.x = 50;
  };
  row(['Charge', 'Period', 'Qty', 'Tax', 'Amount']);
  for (const item of invoice.invoice_items) {
    row([item.charge_name, `${item.start_date} – ${item.end_date}`, String(item.quantity), money(item.tax_amount, invoice.currency), money(item.total_amount, invoice.currency)]);
  }
  doc.moveDown();
  doc.text(`Tax: ${money(invoice.tax_amount, invoice.currency)}`, { align: 'right' });
  doc.fontSize(12).text(`Total: ${money(invoice.total_amount, invoice.currency)}`, { align: 'right' });
  doc.fontSize(10).text(`Balance due: ${money(invoice.balance, invoice.currency)}`, { align: 'right' });
  doc.end();
  return done;
}
