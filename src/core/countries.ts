// Countries as Zoom's billing and call-out operations name them: ISO 3166 code,
// English name and international dialling code. Not every country: those Zoom
// lists for global dial-in and call-out in most plans.
export interface Country {
  id: string;
  name: string;
  code: string;
}

export const COUNTRIES: ReadonlyMap<string, Country> = new Map(
  (
    [
      ['US', "United States", '1'],
      ['CA', "Canada", '1'],
      ['MX', "Mexico", '52'],
      ['BR', "Brazil", '55'],
      ['AR', "Argentina", '54'],
      ['CL', "Chile", '56'],
      ['CO', "Colombia", '57'],
      ['PE', "Peru", '51'],
      ['GB', "United Kingdom", '44'],
      ['IE', "Ireland", '353'],
      ['FR', "France", '33'],
      ['DE', "Germany", '49'],
      ['NL', "Netherlands", '31'],
      ['BE', "Belgium", '32'],
      ['LU', "Luxembourg", '352'],
      ['CH', "Switzerland", '41'],
      ['AT', "Austria", '43'],
      ['IT', "Italy", '39'],
      ['ES', "Spain", '34'],
      ['PT', "Portugal", '351'],
      ['DK', "Denmark", '45'],
      ['SE', "Sweden", '46'],
      ['NO', "Norway", '47'],
      ['FI', "Finland", '358'],
      ['IS', "Iceland", '354'],
      ['PL', "Poland", '48'],
      ['CZ', "Czech Republic", '420'],
      ['SK', "Slovakia", '421'],
      ['HU', "Hungary", '36'],
      ['RO', "Romania", '40'],
      ['BG', "Bulgaria", '359'],
      ['GR', "Greece", '30'],
      ['HR', "Croatia", '385'],
      ['SI', "Slovenia", '386'],
      ['EE', "Estonia", '372'],
      ['LV', "Latvia", '371'],
      ['LT', "Lithuania", '370'],
      ['UA', "Ukraine", '380'],
      ['TR', "Turkey", '90'],
      ['IL', "Israel", '972'],
      ['AE', "United Arab Emirates", '971'],
      ['SA', "Saudi Arabia", '966'],
      ['QA', "Qatar", '974'],
      ['EG', "Egypt", '20'],
      ['ZA', "South Africa", '27'],
      ['NG', "Nigeria", '234'],
      ['KE', "Kenya", '254'],
      ['MA', "Morocco", '212'],
      ['IN', "India", '91'],
      ['PK', "Pakistan", '92'],
      ['CN', "China", '86'],
      ['HK', "Hong Kong", '852'],
      ['TW', "Taiwan", '886'],
      ['JP', "Japan", '81'],
      ['KR', "South Korea", '82'],
      ['SG', "Singapore", '65'],
      ['MY', "Malaysia", '60'],
      ['TH', "Thailand", '66'],
      ['ID', "Indonesia", '62'],
      ['PH', "Philippines", '63'],
      ['VN', "Vietnam", '84'],
      ['AU', "Australia", '61'],
      ['NZ', "New Zealand", '64'],
    ] as const
  ).map(([id, name, code]) => [id, { id, name, code }]),
);

/** A country by its ISO code (any case). */
export const country = (id: string): Country | undefined => COUNTRIES.get(id.toUpperCase());
