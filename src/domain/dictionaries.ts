/**
 * Default vocabularies, loaded into dictionary_entries on first start and then edited by admins as data.
 * 民族 follow GB/T 3304-1991 (codes 01–56, 97, 98).
 */
export const DICTIONARY_KINDS = {
  ethnicity: '民族',
  education: '学历',
  category: '人员类别',
  jobTitle: '职务',
  absenceReason: '缺席原因',
} as const;
export type DictionaryKind = keyof typeof DICTIONARY_KINDS;

const ETHNICITIES =
  '汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 哈尼族 哈萨克族 傣族 黎族 傈僳族 佤族 畲族 高山族 拉祜族 水族 东乡族 纳西族 景颇族 柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族 锡伯族 阿昌族 普米族 塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族 京族 塔塔尔族 独龙族 鄂伦春族 赫哲族 门巴族 珞巴族 基诺族'.split(
    ' ',
  );

export const DEFAULT_DICTIONARIES: Record<DictionaryKind, { code: string | null; label: string }[]> = {
  ethnicity: [
    ...ETHNICITIES.map((label, i) => ({ code: String(i + 1).padStart(2, '0'), label })),
    { code: '97', label: '其他' },
    { code: '98', label: '外国血统中国籍人士' },
  ],
  education: [
    '博士研究生',
    '硕士研究生',
    '大学本科',
    '大学专科',
    '中等专科',
    '高中',
    '初中',
    '小学及以下',
  ].map((label) => ({ code: null, label })),
  category: ['在职', '离退休', '学生', '下岗失业', '低保', '农民', '灵活就业', '其他'].map((label) => ({
    code: null,
    label,
  })),
  jobTitle: [
    '正厅级',
    '副厅级',
    '正处级',
    '副处级',
    '正科级',
    '副科级',
    '科员',
    '办事员',
    '专业技术人员',
    '工勤人员',
    '其他',
  ].map((label) => ({ code: null, label })),
  absenceReason: ['病假', '事假', '公假', '出差', '其他'].map((label) => ({ code: null, label })),
};
