// The Chinese name of every enum value the API sends, one table per enum, for both front-ends, so
// that applicants and staff never read two names for the same thing. An entry is the label, or
// {label, tone, staff}: tone is the tag's colour (pass, fail, pending, manual); staff is the console's
// wording where staff work on a step of the process the applicant does not see (a refund sent and
// awaiting the payment system's answer) or read the label all day in a short tab ("待审查").

export const REQUIREMENT_NAMES = {
  MIN_EDUCATION: '学历', DEGREE: '学位', MAJOR: '专业', MAX_AGE: '年龄',
  POLITICAL_STATUS: '政治面貌', GRASSROOTS_YEARS: '基层工作经历', HOUSEHOLD_REGION: '户籍',
};

export const EDUCATION = {JUNIOR_COLLEGE: '大专', BACHELOR: '本科', MASTER: '硕士研究生', DOCTORATE: '博士研究生'};
export const POLITICAL = {
  CPC_MEMBER: '中共党员（含预备党员）', CPC_PROBATIONARY: '中共预备党员', CYL_MEMBER: '共青团员',
  MASSES: '群众', OTHER_PARTY: '民主党派成员',
};

/** Payment channels of a fee and of its refund. */
export const CHANNELS = {ALIPAY: '支付宝', WECHAT: '微信支付', UNIONPAY: '银联'};

/** A switch's status: the new position's qualification review (资格审查). */
export const SWITCH_STATUS = {
  PENDING: {label: '待资格审查', tone: 'pending', staff: '待审查'},
  APPROVED: {label: '资格审查通过', tone: 'pass', staff: '审查通过'},
  REJECTED: {label: '资格审查未通过', tone: 'fail', staff: '审查未通过'},
};

/** A refund's status. */
export const REFUND_STATUS = {
  QUEUED: {label: '已受理，等待退款', tone: 'pending', staff: '待发送'},
  SENT: {label: '退款处理中', tone: 'pending', staff: '已发送，待确认'},
  SUCCEEDED: {label: '已退款', tone: 'pass'},
  FAILED: {label: '退款未成功，请联系考试机构', tone: 'fail', staff: '退款失败'},
};

/** Why a fee is refunded. */
export const REFUND_REASON = {NOT_SWITCHED: '未改报', REVIEW_REJECTED: '改报后资格审查未通过', DECLINED: '本人放弃改报'};

/** The precheck of a position's requirements against the applicant's registration. */
export const PRECHECK = {
  PASS: {label: '符合', tone: 'pass'},
  FAIL: {label: '不符合', tone: 'fail'},
  MANUAL: {label: '需人工审核', tone: 'manual', staff: '需人工核实'},
};

/** The label of code in table for reader ('applicant' or 'staff'); the code itself when unknown. */
export function label(table, code, reader = 'applicant') {
  const entry = table[code];
  if (entry == null) return code;
  if (typeof entry === 'string') return entry;
  return (reader === 'staff' && entry.staff) || entry.label;
}

/** The tag colour of code in table, or fallback. */
export function tone(table, code, fallback = 'pending') {
  const entry = table[code];
  return (entry && entry.tone) || fallback;
}

/** {code: label} of a whole table for reader, e.g. for a select's options. */
export function labels(table, reader = 'applicant') {
  return Object.fromEntries(Object.keys(table).map((code) => [code, label(table, code, reader)]));
}

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
