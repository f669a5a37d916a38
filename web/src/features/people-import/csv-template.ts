/** The columns of the people import, in the order docs/api.md lists them. */
export const importColumns = [
  'email',
  'firstName',
  'lastName',
  'jobRole',
  'practices',
  'hireDate',
  'terminationDate',
  'tags',
] as const;

export const templateCsv = `${importColumns.join(',')}\r\n`;

export const exampleCsv = [
  importColumns.join(','),
  'maria.lopez@smilegroup.com,Maria,Lopez,hygienist,Lakeside Family Dental,2024-03-18,,',
  'sam.tran@smilegroup.com,Sam,Tran,office_manager,Lakeside Family Dental;Northgate Dental,2021-09-01,,float',
].join('\n');

export const templateHref = `data:text/csv;charset=utf-8,${encodeURIComponent(templateCsv)}`;
