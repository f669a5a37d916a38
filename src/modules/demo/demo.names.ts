/**
 * Given names and surnames common in the United States across many heritages (Census 2010 surname list, SSA
 * baby-name tables), so demo staff look like a real dental workforce. Demo fixtures only.
 */

function list(...parts: string[]): readonly string[] {
  return parts.join('|').split('|');
}

export const femaleFirstNames = list(
  'Jennifer|Jessica|Ashley|Amanda|Sarah|Stephanie|Nicole|Melissa|Elizabeth|Megan|Rachel|Lauren|Emily',
  'Maria|Guadalupe|Alejandra|Yesenia|Gabriela|Daniela|Mariana|Lucia|Rosa|Veronica|Sofia|Valeria',
  'Keisha|Tanisha|Latoya|Ebony|Imani|Aaliyah|Jasmine|Brianna|Destiny|Monique|Tiana',
  'Mei|Lin|Yuki|Hana|Ji-woo|Min-seo|Soo-jin|Linh|Thao|Ngoc|Mai|Anh',
  'Priya|Ananya|Deepa|Kavya|Neha|Aisha|Fatima|Layla|Noor|Yasmin|Zainab',
  'Olga|Natalia|Katarzyna|Irina|Svetlana|Ingrid|Astrid|Siobhan|Aoife|Chloe|Grace|Hannah',
  'Madison|Kayla|Brittany|Courtney|Heather|Amber|Crystal|Tiffany|Danielle|Kimberly|Michelle|Leilani',
);

export const maleFirstNames = list(
  'Michael|Christopher|Matthew|Joshua|David|Daniel|James|Robert|John|Andrew|Ryan|Brandon|Justin',
  'Jose|Luis|Carlos|Juan|Miguel|Alejandro|Diego|Javier|Ricardo|Eduardo|Mateo',
  'Marcus|Darnell|Terrence|Andre|Jamal|Malik|DeShawn|Isaiah|Xavier',
  'Wei|Jun|Hiroshi|Kenji|Min-jun|Ji-hoon|Minh|Duc|Quang|Tuan',
  'Raj|Arjun|Vikram|Rohan|Sanjay|Omar|Ahmed|Karim|Yusuf|Hassan',
  'Dmitri|Pavel|Tomasz|Lars|Sean|Liam|Patrick|Noah|Ethan|Tyler|Kyle|Kainoa',
);

export const lastNames = list(
  'Smith|Johnson|Williams|Brown|Jones|Miller|Davis|Wilson|Anderson|Taylor|Thomas|Moore|Martin',
  'Jackson|Thompson|White|Harris|Clark|Lewis|Robinson|Walker|Young|Allen|King|Wright|Scott',
  'Green|Baker|Adams|Nelson|Hill|Campbell|Mitchell|Roberts|Carter|Phillips|Evans|Turner|Parker',
  'Collins|Edwards|Stewart|Morris|Murphy|Cook|Rogers|Morgan|Cooper|Peterson|Reed|Bailey|Bell',
  'Kelly|Howard|Ward|Cox|Richardson|Wood|Watson|Brooks|Bennett|Gray|Hughes|Price|Sanders|Myers',
  'Garcia|Rodriguez|Martinez|Hernandez|Lopez|Gonzalez|Perez|Sanchez|Ramirez|Torres|Flores|Rivera',
  'Gomez|Diaz|Reyes|Morales|Cruz|Ortiz|Gutierrez|Chavez|Ramos|Ruiz|Alvarez|Mendoza|Castillo|Vasquez',
  'Washington|Jefferson|Banks|Freeman|Coleman|Bryant|Simmons|Dawson|Gaines|Haynes|Mack',
  'Nguyen|Tran|Le|Pham|Huynh|Vo|Kim|Lee|Park|Choi|Chen|Wang|Li|Zhang|Liu|Wong|Chang|Yang',
  'Tanaka|Sato|Nakamura|Yamamoto|Santos|Aquino|Bautista|Dela Cruz|Villanueva',
  'Patel|Shah|Singh|Kumar|Sharma|Gupta|Desai|Mehta|Reddy|Iyer',
  'Khan|Ali|Hussain|Haddad|Nasser|Farah|Abboud|Rahman',
  'Kowalski|Nowak|Novak|Petrov|Ivanova|Horvat|Jensen|Larsen|Olsen|Schmidt|Müller|Fischer|Weber',
  "O'Brien|O'Connor|McCarthy|Sullivan|Byrne|Kealoha|Begay|Yazzie|Rossi|Russo|Esposito|Ferrari",
);
