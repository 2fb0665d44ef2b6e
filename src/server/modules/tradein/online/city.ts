/**
 * The city the subsidy is paid by, and the places above it an address may name. The installation serves 晋江市
 * (division 350582, 晋政文〔2024〕98号); the configuration does not name the city, so it is written here once.
 */
export const SUBSIDY_CITY = { name: '晋江市', prefecture: '泉州市', province: '福建省' } as const;

/** A level of the administrative prefix: a short Han name ending in one of these words. */
const PROVINCE = /^(\p{Script=Han}{2,5}?(?:省|自治区|特别行政区)|北京市|天津市|上海市|重庆市)/u;
const PREFECTURE = /^(\p{Script=Han}{2,5}?(?:市|自治州|地区|盟))/u;
const COUNTY = /^(\p{Script=Han}{2,5}?(?:市|区|县|旗))/u;
/** Words of a street address, never of an administrative name: what holds them is not a prefix (青阳街道都市花园). */
const STREET_WORDS = /街|镇|乡|村|路|道|巷|号|园|楼|栋|社区/u;

/**
 * The other province, city or county an address is written in, read from the administrative prefix a Chinese
 * address starts with (省 → 市 → 区/县/市), or null when the prefix is the city's own or absent. Only the prefix is
 * read: a street, an estate or a landmark further on (都市花园, 石狮市交界处, 家乐福超市) says nothing about where the
 * address is, and the delivery town — a town of the city, checked on its own — is what places the order.
 */
export function otherPlaceNamed(address: string): string | null {
  let rest = address.normalize('NFKC').replace(/\s+/g, '');
  const take = (pattern: RegExp): string | null => {
    const m = pattern.exec(rest);
    if (!m || STREET_WORDS.test(m[1]!)) return null;
    rest = rest.slice(m[1]!.length);
    return m[1]!;
  };
  if (rest.startsWith(SUBSIDY_CITY.name)) return null;
  const province = take(PROVINCE);
  if (province !== null && province !== SUBSIDY_CITY.province) return province;
  if (rest.startsWith(SUBSIDY_CITY.name)) return null;
  const prefecture = take(PREFECTURE);
  if (prefecture === null) return null;
  if (prefecture !== SUBSIDY_CITY.prefecture) return prefecture;
  if (rest.startsWith(SUBSIDY_CITY.name)) return null;
  return take(COUNTY);
}
