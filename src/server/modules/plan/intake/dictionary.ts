/**
 * What the parser knows beforehand, as plain lists: units of measure plans use, the prefixes of responsible units,
 * and the regions whose codes it can fill in. Everything else it reads from the document itself.
 */

/** Units of measure, longest first so 万平方米 wins over 平方米 and 个百分点 over 个. A scale (万/亿/千) may precede any. */
export const MEASURE_UNITS = [
  '个百分点',
  '百分点',
  '平方公里',
  '平方米',
  '立方米',
  '标准箱',
  '人次',
  '千瓦时',
  '千瓦',
  '兆瓦',
  '公里',
  '千米',
  '亿元',
  '万元',
  '元',
  '%',
  '‰',
  '辆',
  '台',
  '套',
  '座',
  '个',
  '家',
  '场',
  '项',
  '部',
  '亩',
  '吨',
  '户',
  '所',
  '处',
  '条',
  '件',
  '艘',
  '株',
  '棵',
  '只',
  '头',
  '米',
  '人',
  '名',
  '次',
  '期',
  '倍',
  '支',
  '批次',
  '根',
  '盏',
  '栋',
  '幢',
  '间',
  '款',
  '种',
].sort((a, b) => b.length - a.length);

/**
 * Units that follow a number without being a target: 第六人民医院, 十四五, 二十大 are kept out by the rules; these
 * are the measure-like words that describe things (服役10年以上, 110千伏, 5G, 国六) and are never targets.
 */
export const NOT_TARGET_AFTER = /^(?:年|岁|月|日|周|天|小时|千伏|伏|G|代|级|类|星|大|届|中|五|化)/;

/** Suffixes of government units that take the leading unit's 市/县/区/省 when the plan leaves it off (应急局 → 市应急局). */
export const GOVERNMENT_UNIT_SUFFIX = /(?:局|委|厅|办|委员会|办公室)$/;
export const JURISDICTION_PREFIX = /^(市|县|区|省|州|镇)/;

/** Regions the parser can give a 6-digit division code and a plan-code prefix. */
export const REGIONS: { name: string; code: string; abbr: string }[] = [
  { name: '晋江市', code: '350582', abbr: 'JJ' },
  { name: '泉州市', code: '350500', abbr: 'QZ' },
  { name: '福建省', code: '350000', abbr: 'FJ' },
  { name: '石狮市', code: '350581', abbr: 'SS' },
  { name: '南安市', code: '350583', abbr: 'NA' },
  { name: '惠安县', code: '350521', abbr: 'HA' },
  { name: '安溪县', code: '350524', abbr: 'AX' },
  { name: '永春县', code: '350525', abbr: 'YC' },
  { name: '德化县', code: '350526', abbr: 'DH' },
  { name: '厦门市', code: '350200', abbr: 'XM' },
  { name: '福州市', code: '350100', abbr: 'FZ' },
  { name: '漳州市', code: '350600', abbr: 'ZZ' },
  { name: '莆田市', code: '350300', abbr: 'PT' },
];

/** Words naming every town (towns carry the work out or report a breakdown). */
export const TOWNS = /各镇|各乡镇|镇[（(〈<]街道[）)〉>]|街道|开发区|园区管委会/;
