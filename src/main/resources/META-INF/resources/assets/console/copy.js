// What bureau and agency staff read: roles, statuses, the usual rejection reasons and every problem
// the console's requests can meet, in plain Chinese.
import {dateTime, minutes} from '../shared/format.js';

export const ROLE_NAMES = {ADMIN: '考试机构管理员', REVIEWER: '招录单位审查人员'};

export const REVIEW_STATUS = {
  PENDING: ['待审查', 'pending'], APPROVED: ['审查通过', 'pass'], REJECTED: ['审查未通过', 'fail'],
};

export const REFUND_STATUS = {QUEUED: '待发送', SENT: '已发送，待确认', SUCCEEDED: '已退款', FAILED: '退款失败'};

export const OUTCOMES = {KEEP: ['保留', 'pass'], REDUCE: ['核减计划数', 'manual'], CANCEL: ['取消', 'fail']};

export const REFUND_REASONS = {NOT_SWITCHED: '未改报', REVIEW_REJECTED: '改报审查未通过', DECLINED: '本人放弃改报'};
export {CHANNELS} from '../shared/labels.js';

export const STAFF_PASSWORD_RULE = '至少 12 位，包含大写字母、小写字母、数字、符号中的两种以上，不能包含用户名，不能是常见密码';
export const STAFF_FIELD_PROBLEMS = {
  username: '用户名应为 3–64 位字母、数字、点、横线或下划线，且不能以 applicant、system 等系统保留词开头',
  agencyCode: '招录单位代码不正确（最多 40 个字符）',
  password: `初始密码不符合要求：${STAFF_PASSWORD_RULE}`,
  other: '填写的内容不符合要求，请检查后重试',
};

/** Precheck marks of one requirement. */
export const MARKS = {pass: '符合', fail: '不符合', manual: '需人工核实', none: '不限'};

export const USUAL_REASONS = [
  '学历不符合职位要求',
  '学位不符合职位要求',
  '所学专业不符合职位要求',
  '年龄不符合职位要求',
  '政治面貌不符合职位要求',
  '基层工作经历不符合职位要求',
  '户籍不符合职位要求',
];
export const OTHER_REASON = '其他原因';

function generic(e) {
  switch (e.slug) {
    case 'network': return '无法连接到服务器。请检查网络连接后重试。';
    case 'timeout': return '服务器长时间没有响应。请稍后重试。';
    case 'service-busy':
    case 'service-unavailable':
      return `系统繁忙，请${e.retryAfter ? `在 ${e.retryAfter} 秒后` : '稍后'}重试。`;
    case 'not-found': return '没有找到要查看的内容，它可能已被删除，或不属于您的单位。';
    default:
      if (e.status >= 500 || e.slug === 'server-error') {
        return `系统暂时出现问题，请稍后重试。${e.requestId ? `如需联系技术支持，请提供编号 ${e.requestId}。` : ''}`;
      }
      return `操作没有成功，请稍后重试。${e.requestId ? `（编号 ${e.requestId}）` : ''}`;
  }
}

/** A 403: what this role may not do, and whom to ask. */
export function forbiddenMessage(claims, what) {
  const role = claims && (claims.groups || []).includes('ADMIN') ? 'ADMIN' : 'REVIEWER';
  if (role === 'REVIEWER') {
    return `您的账号是招录单位审查人员${claims && claims.agency ? `（单位代码 ${claims.agency}）` : ''}，无权${what}。`
      + '审查人员只能查看和审查报考本单位职位的改报申请；其他工作请联系考试机构管理员。';
  }
  return `您的账号无权${what}。请联系系统管理员核实账号权限。`;
}

export function signInMessage(e) {
  switch (e.slug) {
    case 'invalid-credentials': return '用户名或密码不正确，或账号已停用。请核对后重新输入；连续输错多次后，账号会被暂时锁定。';
    case 'account-locked': return `密码输错次数过多，账号已暂时锁定。请在 ${minutes(e.retryAfter)} 分钟后再试，或请管理员解锁。`;
    case 'validation-failed': return '请填写用户名和密码。';
    default: return generic(e);
  }
}

export function decisionMessage(e, exam) {
  switch (e.slug) {
    case 'review-already-decided':
      return '这条改报申请已由其他审查人员作出决定，您的决定没有保存。列表已刷新，请在“已审查”中查看结果。';
    case 'review-deadline-passed':
      return `资格审查已于 ${exam ? dateTime(exam.reviewDeadline, exam.timeZone) : '截止时间'} 截止，审查人员不能再作出决定。`
        + '如确需处理，请联系考试机构管理员。';
    case 'validation-failed': return '请填写不通过的原因（不超过 500 字）。';
    default: return generic(e);
  }
}

export function genericMessage(e) {
  return generic(e);
}

export const PHASES = {
  REGISTRATION_CLOSED: '报名已结束，改报未开始', SWITCHING: '改报中', REVIEWING: '资格审查中', CLOSED: '已结束',
};

/** The time zones offered for an exam (an exam's own zone is offered as well when it is another). */
export const TIME_ZONES = {
  'Asia/Shanghai': '北京时间', 'Asia/Urumqi': '乌鲁木齐时间', 'Asia/Hong_Kong': '香港时间', 'Asia/Macau': '澳门时间', UTC: '协调世界时',
};

export const EXAM_FIELDS = {
  code: '考试代码', name: '考试名称', timeZone: '时区', defaultRatio: '开考比例（X:1）',
  reduceQuotaBeforeCancel: '达不到开考比例时，先核减计划数，仍达不到再取消职位', maxSwitches: '每人可改报次数',
  feeAmount: '报名费（元）', registrationClosedAt: '报名截止时间', switchWindowOpensAt: '改报开始时间',
  switchDeadline: '改报截止时间', reviewDeadline: '资格审查截止时间',
};

/** What is wrong with an exam field, from the field's name (the server's English message is not shown). */
export function examFieldProblem(name) {
  switch (name) {
    case 'code': return '考试代码应为 1–40 位字母、数字、横线或下划线，以字母或数字开头';
    case 'timeZone': return '时区不正确';
    case 'defaultRatio': return '开考比例应为 1 到 100 的整数';
    case 'maxSwitches': return '改报次数应为 0 到 10 的整数';
    case 'feeAmount': return '报名费应为金额，最多两位小数';
    case 'switchDeadline': return '改报截止时间应晚于改报开始时间';
    case 'reviewDeadline': return '资格审查截止时间应晚于改报截止时间';
    default: return '填写的内容不符合要求';
  }
}

/** Problems of an import (validation-failed rows name their field in English; the message is the server's). */
export const IMPORT_KINDS = {
  positions: {title: '职位', what: '职位表', columns: 'code, agencyCode, agencyName, employer, title, quota, ratio, minEducation, degreeRequired, majors, maxAge, politicalStatus, minGrassrootsYears, householdRegion'},
  registrations: {title: '报名数据', what: '报名数据', columns: 'idNumber, name, phone, birthDate, education, degree, major, politicalStatus, grassrootsYears, householdRegion, password 或 passwordHash, positionCode, fee.status, fee.amount, fee.currency, fee.channel, fee.transactionId, fee.paidAt'},
};

export const DELIVERY_STATUS = {PENDING: '待发送', DELIVERED: '已送达', FAILED: '发送失败'};

// The import's row problems in Chinese; a message not listed here is shown as the service wrote it.
const IMPORT_MESSAGES = [
  [/^is required$/, '必填，不能为空'],
  [/^must be a whole number$/, '应为整数'],
  [/^must be true or false$/, '应为 true 或 false'],
  [/^must be text$/, '应为文字'],
  [/^must be 0 or more$/, '不能小于 0'],
  [/^must be at least (\d+)$/, '不能小于 $1'],
  [/^must be at most (\d+)$/, '不能大于 $1'],
  [/^must be between (.+)$/, '应在 $1 之间'],
  [/^must be one of (.+)$/, '应为以下之一：$1'],
  [/^must be a date like.*$/, '应为日期，如 1990-01-31'],
  [/^must be an ISO-8601 instant with offset.*$/, '应为带时区的时间，如 2023-01-14T09:00:00+08:00'],
  [/^must be an amount like.*$/, '应为金额，如 100.00'],
  [/^must be CNY$/, '币种应为 CNY'],
  [/^must be a phone number$/, '应为电话号码'],
  [/^must be 18 characters$/, '身份证号应为 18 位'],
  [/^must be 17 digits and a check character$/, '身份证号应为 17 位数字加 1 位校验码'],
  [/^must end in a digit or X$/, '身份证号最后一位应为数字或 X'],
  [/^.*check digit.*$/i, '身份证号校验码不正确'],
  [/^does not match the birth date in idNumber$/, '与身份证号中的出生日期不一致'],
  [/^is not a position of this exam$/, '不是这场考试的职位代码'],
  [/^is not a known field$/, '不是可以导入的字段'],
  [/^must be a bcrypt hash$/, '应为 bcrypt 密码摘要'],
  [/^must be at least 6 characters$/, '至少 6 个字符'],
  [/^must be more than 0 for a PAID registration$/, '已缴费（PAID）时金额应大于 0'],
  [/^must be empty for a (.+)$/, '$1 时应为空'],
  [/^must not contain control characters.*$/, '不能含有控制字符或无效字符'],
  [/^must be a list of text$/, '应为文字列表'],
  [/^must be an object$/, '格式不正确'],
];

export function importMessage(message) {
  const text = String(message || '');
  for (const [pattern, zh] of IMPORT_MESSAGES) {
    const m = pattern.exec(text);
    if (m) return zh.replace(/\$(\d)/g, (_, i) => m[Number(i)]);
  }
  return text || '—';
}
