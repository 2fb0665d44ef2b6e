import { describe, expect, it } from 'vitest';
import { parseNumber } from './numerals.js';
import { extractIndicators } from './targets.js';
import { compact } from './text.js';

const period = { startYear: 2024, endYear: 2027 };
/** The indicators of one sentence, as a task would hold it. */
function read(sentence: string) {
  const ct = compact(sentence);
  return extractIndicators(ct.text, 0, ct.text.length, period, null).map((i) => ({
    unit: i.unit,
    comparator: i.comparator,
    kind: i.kind,
    targets: i.targets,
    ...(i.baselineYear !== null ? { baseline: i.baselineYear } : {}),
    ...(i.yearOnYear ? { yearOnYear: true } : {}),
    ...(i.isEffort ? { isEffort: true } : {}),
  }));
}
const at = (year: number, value: number) => [{ year, value }];
const every = (value: number) => [2024, 2025, 2026, 2027].map((year) => ({ year, value }));

describe('numbers as plans write them', () => {
  it.each([
    ['300', 300],
    ['2.5', 2.5],
    ['1,100', 1100],
    ['3万4000', 34000],
    ['三十', 30],
    ['一百二十', 120],
    ['两', 2],
    ['十五', 15],
    ['一千二百', 1200],
    ['三万四千', 34000],
  ])('%s → %d', (s, v) => expect(parseNumber(s)?.value).toBe(v));
});

/** Every target of the seed plan, one sentence each, and variants of their wording. */
const CASES: [string, ReturnType<typeof read>][] = [
  ['到2027年，全市设备投资规模较2023年增长25%以上', [{ unit: '%', comparator: '≥', kind: 'growth', targets: at(2027, 25), baseline: 2023 }]],
  ['规模以上工业企业数字化研发设计工具普及率超过90%', [{ unit: '%', comparator: '>', kind: 'level', targets: at(2027, 90) }]],
  [
    '关键工序数控化率超过75%，较2023年提高5个百分点以上',
    [
      { unit: '%', comparator: '>', kind: 'level', targets: at(2027, 75) },
      { unit: '百分点', comparator: '≥', kind: 'growth', targets: at(2027, 5), baseline: 2023 },
    ],
  ],
  [
    '每年组织实施技术改造项目300个以上、完成技改投资150亿元以上',
    [
      { unit: '个', comparator: '≥', kind: 'annual', targets: every(300) },
      { unit: '亿元', comparator: '≥', kind: 'annual', targets: every(150) },
    ],
  ],
  ['到2027年规上工业企业数字化改造实现全覆盖', [{ unit: '%', comparator: '≥', kind: 'level', targets: at(2027, 100) }]],
  ['到2027年新增智能制造示范工厂和优秀场景5个以上', [{ unit: '个', comparator: '≥', kind: 'cumulative', targets: at(2027, 5) }]],
  ['到2027年新加装电梯20台以上', [{ unit: '台', comparator: '≥', kind: 'cumulative', targets: at(2027, 20) }]],
  [
    '到2027年新改建城乡供水厂3座，新改扩建及提标改造污水处理厂5座以上、生活垃圾转运站17座',
    [
      { unit: '座', comparator: '≥', kind: 'cumulative', targets: at(2027, 3) },
      { unit: '座', comparator: '≥', kind: 'cumulative', targets: at(2027, 5) },
      { unit: '座', comparator: '≥', kind: 'cumulative', targets: at(2027, 17) },
    ],
  ],
  ['到2027年实施既有建筑能效提升4万平方米', [{ unit: '万平方米', comparator: '≥', kind: 'cumulative', targets: at(2027, 4) }]],
  ['改造升级视频监控超5万个', [{ unit: '万个', comparator: '>', kind: 'cumulative', targets: at(2027, 5) }]],
  [
    '到2027年更新公交车500部以上，实现公交车辆全面新能源化',
    [
      { unit: '部', comparator: '≥', kind: 'cumulative', targets: at(2027, 500) },
      { unit: '%', comparator: '≥', kind: 'level', targets: at(2027, 100) },
    ],
  ],
  [
    '到2025年淘汰国三及以下老旧营运柴油货车40部，到2027年累计淘汰国三及以下排放标准营运柴油货车60部',
    [
      {
        unit: '部',
        comparator: '≥',
        kind: 'cumulative',
        targets: [
          { year: 2025, value: 40 },
          { year: 2027, value: 60 },
        ],
      },
    ],
  ],
  ['到2027年完成文化旅游设备更新投资1亿元', [{ unit: '亿元', comparator: '≥', kind: 'cumulative', targets: at(2027, 1) }]],
  ['到2027年力争医疗装备投资规模较2023年增长25%以上', [{ unit: '%', comparator: '≥', kind: 'growth', targets: at(2027, 25), baseline: 2023, isEffort: true }]],
  [
    '到2027年，全市汽车以旧换新6万辆以上，新能源汽车年销售量达到2.5万辆以上，新增汽车中新能源汽车占比达50%以上，限上家电企业年销售量较2023年增长20%',
    [
      { unit: '万辆', comparator: '≥', kind: 'cumulative', targets: at(2027, 6) },
      { unit: '万辆', comparator: '≥', kind: 'annual', targets: at(2027, 2.5) },
      { unit: '%', comparator: '≥', kind: 'share', targets: at(2027, 50) },
      { unit: '%', comparator: '≥', kind: 'growth', targets: at(2027, 20), baseline: 2023 },
    ],
  ],
  ['每年组织开展汽车以旧换新促销、嘉年华、展销会等活动3场以上', [{ unit: '场', comparator: '≥', kind: 'annual', targets: every(3) }]],
  ['到2027年，全市报废汽车回收量较2023年增加约一倍', [{ unit: '%', comparator: '≈', kind: 'growth', targets: at(2027, 100), baseline: 2023 }]],
  [
    '到2027年新改扩建分拣中心2个以上、回收站80个以上',
    [
      { unit: '个', comparator: '≥', kind: 'cumulative', targets: at(2027, 2) },
      { unit: '个', comparator: '≥', kind: 'cumulative', targets: at(2027, 80) },
    ],
  ],
  ['到2027年，全市参与修订国家、行业标准80项以上', [{ unit: '项', comparator: '≥', kind: 'cumulative', targets: at(2027, 80) }]],
  ['每年研发投入增长20%以上', [{ unit: '%', comparator: '≥', kind: 'growth', targets: every(20), yearOnYear: true }]],
  // Variants
  ['到2026年建成充电桩一百二十个', [{ unit: '个', comparator: '≥', kind: 'cumulative', targets: at(2026, 120) }]],
  ['到2027年农村居民人均消费支出较2023年增长20%—30%', [{ unit: '%', comparator: '≥', kind: 'growth', targets: at(2027, 20), baseline: 2023 }]],
  ['到2027年新增停车泊位1,100万个', [{ unit: '万个', comparator: '≥', kind: 'cumulative', targets: at(2027, 1100) }]],
  ['到2027年全市新能源汽车保有量达到3万4000辆', [{ unit: '辆', comparator: '≥', kind: 'cumulative', targets: at(2027, 34000) }]],
  ['到2026年新建城市绿道120公里左右', [{ unit: '公里', comparator: '≈', kind: 'cumulative', targets: at(2026, 120) }]],
  ['到2027年平均服务半径控制在3公里以内', [{ unit: '公里', comparator: '≤', kind: 'cumulative', targets: at(2027, 3) }]],
  ['到2027年果蔬损失率不超过8%', [{ unit: '%', comparator: '≤', kind: 'level', targets: at(2027, 8) }]],
  ['全市地区生产总值年均增长6.5%左右', [{ unit: '%', comparator: '≈', kind: 'growth', targets: every(6.5), yearOnYear: true }]],
  [
    '到2027年新增冷库库容20万吨、新建冷链仓储面积5万平方米',
    [
      { unit: '万吨', comparator: '≥', kind: 'cumulative', targets: at(2027, 20) },
      { unit: '万平方米', comparator: '≥', kind: 'cumulative', targets: at(2027, 5) },
    ],
  ],
  ['到2027年举办展销活动十场以上', [{ unit: '场', comparator: '≥', kind: 'cumulative', targets: at(2027, 10) }]],
  // Descriptions that are not targets
  ['加快推动服役10年以上老旧机床更新，完善110千伏主干电网和10千伏配电网网架，推进“5G+工业互联网”', []],
  ['鼓励市医院（上海市第六人民医院福建医院）加快汽车零部件再制造，培育一批“双碳”认证企业，推行一件事一次办', []],
];

describe('targets in sentences', () => {
  it.each(CASES)('%s', (sentence, expected) => expect(read(sentence)).toEqual(expected));
});
