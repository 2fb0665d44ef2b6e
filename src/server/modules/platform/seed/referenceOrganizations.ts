/**
 * Organisations every installation starts with (from reference/facts.md): the work team office, each
 * responsible unit named in 晋政文〔2024〕98号, the towns, subdistricts and the development zone, and the
 * organisation that resident accounts belong to.
 */
export const OFFICE = { code: 'office', name: '工作专班办公室（市发改局）' };

export const DEPARTMENTS = [
  '市发改局',
  '市工信局',
  '市应急局',
  '泉州市晋江生态环境局',
  '市科技局',
  '供电公司',
  '市市场监管局',
  '市住建局',
  '市水利局',
  '市城管局',
  '水务集团',
  '市公安局',
  '市交通运输局',
  '市文旅局',
  '市财政局',
  '市农业农村局',
  '市教育局',
  '高教发展中心',
  '市人社局',
  '市商务局',
  '市卫健局',
  '城镇集体工业联合社',
  '供销社',
  '泉州海关驻晋江办事处',
  '市税务局',
  '市金融局',
  '国家金融监督管理总局晋江监管支局',
  '市自然资源局',
] as const;

export const TOWNS = [
  '青阳街道',
  '梅岭街道',
  '西园街道',
  '罗山街道',
  '灵源街道',
  '新塘街道',
  '安海镇',
  '磁灶镇',
  '陈埭镇',
  '东石镇',
  '池店镇',
  '内坑镇',
  '紫帽镇',
  '金井镇',
  '龙湖镇',
  '永和镇',
  '英林镇',
  '深沪镇',
  '西滨镇',
  '晋江经济开发区',
] as const;

export const RESIDENTS = { code: 'public-residents', name: '公众（居民）' };

export const departmentCode = (index: number) => `dept-${String(index + 1).padStart(2, '0')}`;
export const townCode = (index: number) => `town-${String(index + 1).padStart(2, '0')}`;
