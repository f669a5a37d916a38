import type { UsState } from '../org/us-states.ts';

/**
 * Places the demo DSO operates in. Time zones follow the IANA tz database (zone1970.tab), ZIP prefixes USPS
 * three-digit sectional centers, area codes the NANP plan; weights are rough metro populations in 100,000s.
 * Demo fixtures only: nothing outside the demo reads them.
 */
export interface Metro {
  readonly city: string;
  readonly state: UsState;
  readonly timeZone: string;
  /** The first three digits of the city's ZIP codes. */
  readonly zip3: string;
  readonly areaCode: string;
  readonly weight: number;
  /** Real neighbourhoods and suburbs, used to name practices. */
  readonly neighbourhoods: readonly string[];
}

export interface GeoRegion {
  readonly name: string;
  readonly states: readonly UsState[];
}

/** DSOs usually group practices by geography; these are the regions a demo DSO draws from. */
export const geoRegions: readonly GeoRegion[] = [
  { name: 'Pacific', states: ['CA', 'WA', 'OR', 'NV', 'AK', 'HI'] },
  { name: 'Mountain West', states: ['AZ', 'CO', 'UT', 'NM', 'ID', 'MT', 'WY'] },
  { name: 'South Central', states: ['TX', 'OK', 'LA', 'AR'] },
  { name: 'Great Lakes', states: ['IL', 'IN', 'OH', 'MI', 'WI'] },
  { name: 'Heartland', states: ['MN', 'MO', 'KS', 'NE', 'IA', 'ND', 'SD'] },
  { name: 'Southeast', states: ['GA', 'FL', 'AL', 'MS', 'TN', 'KY', 'NC', 'SC'] },
  { name: 'Mid-Atlantic', states: ['VA', 'WV', 'MD', 'DC', 'DE', 'PA', 'NJ', 'NY'] },
  { name: 'New England', states: ['MA', 'CT', 'RI', 'NH', 'ME', 'VT'] },
];

const la = 'America/Los_Angeles';
const den = 'America/Denver';
const phx = 'America/Phoenix';
const chi = 'America/Chicago';
const ny = 'America/New_York';
const det = 'America/Detroit';
const ind = 'America/Indiana/Indianapolis';
const lou = 'America/Kentucky/Louisville';

function m(
  city: string,
  state: UsState,
  timeZone: string,
  zip3: string,
  areaCode: string,
  weight: number,
  neighbourhoods: string,
): Metro {
  return { city, state, timeZone, zip3, areaCode, weight, neighbourhoods: neighbourhoods.split('|') };
}

export const metros: readonly Metro[] = [
  m('Los Angeles', 'CA', la, '900', '213', 40, 'Silver Lake|Echo Park|Westwood|Eagle Rock|Los Feliz'),
  m('San Diego', 'CA', la, '921', '619', 14, 'La Jolla|North Park|Mission Valley|Point Loma|Carmel Valley'),
  m('Sacramento', 'CA', la, '958', '916', 5, 'Land Park|East Sacramento|Natomas|Midtown|Arden Park'),
  m('San Jose', 'CA', la, '951', '408', 10, 'Willow Glen|Almaden|Berryessa|Evergreen|Rose Garden'),
  m('Fresno', 'CA', la, '937', '559', 5, 'Tower District|Woodward Park|Fig Garden|Sunnyside'),
  m('Seattle', 'WA', la, '981', '206', 7, 'Ballard|Capitol Hill|Fremont|Queen Anne|Wallingford|West Seattle'),
  m('Spokane', 'WA', la, '992', '509', 2, 'South Hill|Perry District|Manito|Indian Trail'),
  m('Tacoma', 'WA', la, '984', '253', 2, 'Proctor|Stadium District|North End|Point Ruston'),
  m('Portland', 'OR', la, '972', '503', 6, 'Pearl District|Hawthorne|Alberta|Sellwood|Laurelhurst|St. Johns'),
  m('Eugene', 'OR', la, '974', '541', 2, 'Friendly Street|Cal Young|Whiteaker|South Hills'),
  m('Las Vegas', 'NV', la, '891', '702', 6, 'Summerlin|Green Valley|Centennial Hills|Spring Valley'),
  m('Reno', 'NV', la, '895', '775', 2, 'Somersett|Caughlin Ranch|Double Diamond|Damonte Ranch'),
  m('Anchorage', 'AK', 'America/Anchorage', '995', '907', 2, 'Midtown|Turnagain|Eagle River|Hillside'),
  m('Honolulu', 'HI', 'Pacific/Honolulu', '968', '808', 3, 'Kaimuki|Manoa|Kahala|Kapolei|Moiliili'),
  m('Phoenix', 'AZ', phx, '850', '602', 16, 'Arcadia|Ahwatukee|Desert Ridge|Camelback|Paradise Valley'),
  m('Tucson', 'AZ', phx, '857', '520', 5, 'Catalina Foothills|Oro Valley|Sam Hughes|Rita Ranch'),
  m('Mesa', 'AZ', phx, '852', '480', 5, 'Red Mountain|Dobson Ranch|Eastmark'),
  m('Scottsdale', 'AZ', phx, '852', '480', 3, 'Old Town|McCormick Ranch|Gainey Ranch|Grayhawk'),
  m('Denver', 'CO', den, '802', '303', 9, 'Cherry Creek|Highlands|Washington Park|Lowry|Central Park'),
  m('Colorado Springs', 'CO', den, '809', '719', 4, 'Briargate|Broadmoor|Old Colorado City'),
  m('Fort Collins', 'CO', den, '805', '970', 2, 'Old Town|Harmony|Horsetooth|Rigden Farm'),
  m('Salt Lake City', 'UT', den, '841', '801', 5, 'Sugar House|The Avenues|Liberty Wells|Daybreak'),
  m('Provo', 'UT', den, '846', '801', 2, 'Riverwoods|Edgemont|Grandview'),
  m('Albuquerque', 'NM', den, '871', '505', 4, 'Nob Hill|Uptown|Four Hills|North Valley|Volcano Cliffs'),
  m('Santa Fe', 'NM', den, '875', '505', 1, 'Canyon Road|Eldorado|Railyard'),
  m('Boise', 'ID', 'America/Boise', '837', '208', 3, 'Harris Ranch|The Bench|North End|Barber Valley'),
  m('Billings', 'MT', den, '591', '406', 1, 'The Heights|West End|Rimrock'),
  m('Cheyenne', 'WY', den, '820', '307', 1, 'Frontier|Buffalo Ridge|Sun Valley'),
  m('Dallas', 'TX', chi, '752', '214', 20, 'Uptown|Lakewood|Preston Hollow|Bishop Arts|Oak Lawn'),
  m('Houston', 'TX', chi, '770', '713', 20, 'Montrose|The Heights|Memorial|River Oaks|Bellaire|Clear Lake'),
  m('Austin', 'TX', chi, '787', '512', 8, 'Hyde Park|Zilker|Mueller|Circle C|Travis Heights|Round Rock'),
  m('San Antonio', 'TX', chi, '782', '210', 8, 'Alamo Heights|Stone Oak|Monte Vista|Helotes|Shavano Park'),
  m('Fort Worth', 'TX', chi, '761', '817', 6, 'Tanglewood|Alliance|Near Southside|Arlington Heights'),
  // West Texas keeps Mountain time.
  m('El Paso', 'TX', den, '799', '915', 3, 'Kern Place|Sunset Heights|Cielo Vista|Eastridge'),
  m('Oklahoma City', 'OK', chi, '731', '405', 4, 'Nichols Hills|Midtown|Edmond|Deep Deuce|Quail Springs'),
  m('Tulsa', 'OK', chi, '741', '918', 3, 'Brookside|Cherry Street|Maple Ridge|South Tulsa'),
  m('New Orleans', 'LA', chi, '701', '504', 4, 'Uptown|Garden District|Mid-City|Lakeview|Bywater'),
  m('Baton Rouge', 'LA', chi, '708', '225', 2, 'Mid City|Spanish Town|Shenandoah|Highland Road'),
  m('Little Rock', 'AR', chi, '722', '501', 2, 'Hillcrest|The Heights|Chenal|Riverdale'),
  m('Chicago', 'IL', chi, '606', '312', 30, 'Lincoln Park|Wicker Park|Hyde Park|Lakeview|Logan Square'),
  m('Naperville', 'IL', chi, '605', '630', 2, 'Riverwalk|Tall Grass|White Eagle'),
  m('Springfield', 'IL', chi, '627', '217', 1, 'Leland Grove|Enos Park|Westchester'),
  m('Indianapolis', 'IN', ind, '462', '317', 6, 'Broad Ripple|Fountain Square|Irvington|Meridian-Kessler'),
  m('Fort Wayne', 'IN', ind, '468', '260', 2, 'Aboite|West Central|Lakeside|Wallen'),
  m('Columbus', 'OH', ny, '432', '614', 6, 'German Village|Clintonville|Short North|Dublin|Westerville'),
  m('Cleveland', 'OH', ny, '441', '216', 6, 'Ohio City|Tremont|Shaker Heights|Lakewood|Cleveland Heights'),
  m('Cincinnati', 'OH', ny, '452', '513', 5, 'Hyde Park|Mount Adams|Oakley|Clifton|Blue Ash'),
  m('Detroit', 'MI', det, '482', '313', 10, 'Corktown|Midtown|Grosse Pointe|Royal Oak|Ferndale'),
  m('Grand Rapids', 'MI', det, '495', '616', 3, 'Eastown|Heritage Hill|East Grand Rapids|Cascade'),
  m('Ann Arbor', 'MI', det, '481', '734', 2, 'Kerrytown|Burns Park|Water Hill'),
  m('Milwaukee', 'WI', chi, '532', '414', 4, 'Bay View|Third Ward|Wauwatosa|Shorewood|Brady Street'),
  m('Madison', 'WI', chi, '537', '608', 2, 'Willy Street|Monroe Street|Middleton|Maple Bluff'),
  m('Minneapolis', 'MN', chi, '554', '612', 9, 'Uptown|Linden Hills|Northeast|Longfellow|Edina|Nokomis'),
  m('Saint Paul', 'MN', chi, '551', '651', 3, 'Highland Park|Summit Hill|Como|Macalester-Groveland'),
  m('Rochester', 'MN', chi, '559', '507', 1, 'Kutzky Park|Pill Hill|Slatterly Park'),
  m('Kansas City', 'MO', chi, '641', '816', 5, 'Westport|Brookside|Waldo|Crossroads|River Market'),
  m('St. Louis', 'MO', chi, '631', '314', 7, 'Central West End|Soulard|Clayton|Kirkwood|Tower Grove'),
  m('Wichita', 'KS', chi, '672', '316', 2, 'College Hill|Delano|Riverside|Eastborough'),
  m('Overland Park', 'KS', chi, '662', '913', 2, 'Corbin Park|Deer Creek|Blue Valley'),
  m('Omaha', 'NE', chi, '681', '402', 3, 'Dundee|Aksarben|Benson|Midtown Crossing|Elkhorn'),
  m('Lincoln', 'NE', chi, '685', '402', 1, 'Haymarket|Near South|Country Club|Fallbrook'),
  m('Des Moines', 'IA', chi, '503', '515', 2, 'Sherman Hill|Beaverdale|East Village|Ingersoll'),
  m('Cedar Rapids', 'IA', chi, '524', '319', 1, 'NewBo|Kenwood Park|Czech Village'),
  m('Fargo', 'ND', chi, '581', '701', 1, 'Island Park|Osgood|Rose Creek'),
  m('Sioux Falls', 'SD', chi, '571', '605', 1, 'Cathedral|McKennan Park|Pettigrew Heights'),
  m('Atlanta', 'GA', ny, '303', '404', 20, 'Buckhead|Virginia-Highland|Decatur|Midtown|Inman Park'),
  m('Savannah', 'GA', ny, '314', '912', 2, 'Ardsley Park|Historic District|Isle of Hope|Pooler'),
  m('Tampa', 'FL', ny, '336', '813', 10, 'Hyde Park|Seminole Heights|Westchase|Carrollwood|Channelside'),
  m('Orlando', 'FL', ny, '328', '407', 9, 'Winter Park|Thornton Park|College Park|Lake Nona|Baldwin Park'),
  m('Miami', 'FL', ny, '331', '305', 20, 'Coral Gables|Coconut Grove|Brickell|Kendall|Doral|Little Havana'),
  m('Jacksonville', 'FL', ny, '322', '904', 5, 'Riverside|San Marco|Mandarin|Avondale|Atlantic Beach'),
  // The Florida panhandle west of the Apalachicola keeps Central time.
  m('Pensacola', 'FL', chi, '325', '850', 2, 'East Hill|North Hill|Cordova Park|Perdido Key'),
  m('Birmingham', 'AL', chi, '352', '205', 4, 'Five Points South|Homewood|Mountain Brook|Vestavia Hills'),
  m('Huntsville', 'AL', chi, '358', '256', 2, 'Five Points|Jones Valley|Madison|Hampton Cove'),
  m('Jackson', 'MS', chi, '392', '601', 2, 'Belhaven|Fondren|Eastover'),
  m('Nashville', 'TN', chi, '372', '615', 7, 'East Nashville|Germantown|Green Hills|The Gulch|Sylvan Park'),
  m('Memphis', 'TN', chi, '381', '901', 5, 'Midtown|Cooper-Young|East Memphis|Germantown|Collierville'),
  // East Tennessee is on Eastern time.
  m('Knoxville', 'TN', ny, '379', '865', 3, 'Bearden|Fountain City|Sequoyah Hills|Farragut'),
  m('Chattanooga', 'TN', ny, '374', '423', 2, 'North Shore|St. Elmo|Hixson|Signal Mountain'),
  m('Louisville', 'KY', lou, '402', '502', 5, 'Highlands|Crescent Hill|St. Matthews|Clifton'),
  m('Lexington', 'KY', ny, '405', '859', 2, 'Chevy Chase|Hamburg|Beaumont|Ashland Park'),
  m('Charlotte', 'NC', ny, '282', '704', 9, 'South End|Dilworth|Myers Park|Ballantyne|NoDa|Plaza Midwood'),
  m('Raleigh', 'NC', ny, '276', '919', 5, 'North Hills|Oakwood|Cameron Village|Brier Creek|Cary'),
  m('Charleston', 'SC', ny, '294', '843', 3, 'Mount Pleasant|West Ashley|James Island|Daniel Island'),
  m('Columbia', 'SC', ny, '292', '803', 2, 'Shandon|Five Points|Forest Acres|Irmo'),
  m('Richmond', 'VA', ny, '232', '804', 4, 'The Fan|Church Hill|Museum District|Short Pump|Carytown'),
  m('Virginia Beach', 'VA', ny, '234', '757', 5, 'Hilltop|Great Neck|Kempsville|Red Mill|Sandbridge'),
  m('Charleston', 'WV', ny, '253', '304', 1, 'Kanawha City|South Hills|East End'),
  m('Baltimore', 'MD', ny, '212', '410', 9, 'Canton|Fells Point|Federal Hill|Roland Park|Towson|Hampden'),
  m('Washington', 'DC', ny, '200', '202', 10, 'Capitol Hill|Georgetown|Dupont Circle|Adams Morgan|Navy Yard'),
  m('Wilmington', 'DE', ny, '198', '302', 2, 'Trolley Square|Brandywine|Pike Creek'),
  m('Philadelphia', 'PA', ny, '191', '215', 20, 'Rittenhouse|Fishtown|Chestnut Hill|Manayunk|Society Hill'),
  m('Pittsburgh', 'PA', ny, '152', '412', 7, 'Shadyside|Squirrel Hill|Lawrenceville|Mount Lebanon|Oakland'),
  m('Newark', 'NJ', ny, '071', '973', 6, 'Ironbound|Forest Hill|Roseville'),
  m('Jersey City', 'NJ', ny, '073', '201', 4, 'Paulus Hook|The Heights|Bergen-Lafayette|Journal Square'),
  m('Buffalo', 'NY', ny, '142', '716', 3, 'Elmwood Village|Allentown|North Buffalo|Amherst'),
  m('Albany', 'NY', ny, '122', '518', 3, 'Center Square|Pine Hills|Delmar|Colonie'),
  m('Rochester', 'NY', ny, '146', '585', 3, 'Park Avenue|Corn Hill|Pittsford|Brighton'),
  m('Boston', 'MA', ny, '021', '617', 15, 'Back Bay|Jamaica Plain|Beacon Hill|South End|Brookline'),
  m('Worcester', 'MA', ny, '016', '508', 3, 'Shrewsbury|Tatnuck|Grafton Hill|Greendale'),
  m('Hartford', 'CT', ny, '061', '860', 4, 'West End|Blue Hills|West Hartford|Parkville'),
  m('New Haven', 'CT', ny, '065', '203', 3, 'Wooster Square|East Rock|Westville|Hamden'),
  m('Providence', 'RI', ny, '029', '401', 4, 'Federal Hill|Fox Point|Wayland Square|College Hill'),
  m('Manchester', 'NH', ny, '031', '603', 2, 'North End|Rimmon Heights|Bedford'),
  m('Portland', 'ME', ny, '041', '207', 2, 'Munjoy Hill|West End|Old Port|Deering'),
  m('Burlington', 'VT', ny, '054', '802', 1, 'Old North End|South End|Hill Section'),
];

/** Features that name practices anywhere, when a metro's neighbourhoods are used up. */
export const genericFeatures: readonly string[] = (
  'Oak Ridge|Willow Creek|Lakeside|Maple Grove|Cedar Park|Riverside|Summit|Parkview|Brookside|' +
  'Stonebridge|Meadowview|Heritage|Crossroads|Sunset|Canyon View|Pine Valley|Harbor Point|' +
  'Hillcrest|Fox Run|Creekside|Briarwood|Mill Creek|Aspen Grove|Bayside|Northgate|Southpoint|' +
  'Westfield|Eastgate|Town Center|Village Green|Quail Run|Sycamore'
).split('|');

export const streets: readonly string[] = (
  'Main Street|Oak Avenue|Park Boulevard|Maple Drive|Market Street|Washington Avenue|Lincoln Way|' +
  'Center Street|Elm Street|Highland Avenue|Lake Shore Drive|Commerce Parkway|Medical Plaza Drive|' +
  'University Avenue|Broadway|Church Street|Ridge Road|College Avenue|Mill Road|Spring Street|' +
  'Grand Avenue|Jefferson Street|Franklin Road|Cedar Lane|Professional Drive|Heritage Parkway'
).split('|');
