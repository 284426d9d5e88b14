/** Beijing municipality as planning represents it: the GB/T 2260 code 110000, the parent of the 16 districts. */
export interface CityModel {
  code: string;
  name: string;
  nameZh: string;
}

export const BEIJING: CityModel = { code: '110000', name: 'Beijing', nameZh: '北京市' };
