// Names of the qualification facts and requirements, as applicants and staff both read them.

export const REQUIREMENT_NAMES = {
  MIN_EDUCATION: '学历', DEGREE: '学位', MAJOR: '专业', MAX_AGE: '年龄',
  POLITICAL_STATUS: '政治面貌', GRASSROOTS_YEARS: '基层工作经历', HOUSEHOLD_REGION: '户籍',
};

export const EDUCATION = {JUNIOR_COLLEGE: '大专', BACHELOR: '本科', MASTER: '硕士研究生', DOCTORATE: '博士研究生'};
export const POLITICAL = {
  CPC_MEMBER: '中共党员（含预备党员）', CPC_PROBATIONARY: '中共预备党员', CYL_MEMBER: '共青团员',
  MASSES: '群众', OTHER_PARTY: '民主党派成员',
};

export function requirementNames(codes) {
  return (codes || []).map((c) => REQUIREMENT_NAMES[c] || c).join('、');
}

/** A position's requirements in words, one phrase each. */
export function requirementsInWords(r) {
  if (!r) return ['不限'];
  const out = [];
  if (r.minEducation) out.push(`${EDUCATION[r.minEducation] || r.minEducation}及以上学历`);
  if (r.degreeRequired) out.push('须取得相应学位');
  if (r.majors && r.majors.length) out.push(`专业：${r.majors.join('、')}`);
  if (r.maxAge != null) out.push(`${r.maxAge}周岁以下`);
  if (r.politicalStatus) out.push(`政治面貌：${POLITICAL[r.politicalStatus] || r.politicalStatus}`);
  if (r.minGrassrootsYears) out.push(`${r.minGrassrootsYears}年以上基层工作经历`);
  if (r.householdRegion) out.push(`户籍：${r.householdRegion}`);
  return out.length ? out : ['不限'];
}

export const CHANNELS = {ALIPAY: '支付宝', WECHAT: '微信支付', UNIONPAY: '银联'};
