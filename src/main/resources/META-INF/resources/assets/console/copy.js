// What bureau and agency staff read: roles, statuses, the usual rejection reasons and every problem
// the console's requests can meet, in plain Chinese.
import {dateTime, minutes} from '../shared/format.js';
import {LABELS} from '../shared/labels.js';

// The labels are the shared tables (shared/labels.js); the console adds only the tag colour of each.
export const ROLE_NAMES = LABELS.Role;

export const REVIEW_STATUS = {
  PENDING: [LABELS.SwitchStatus.PENDING, 'pending'], APPROVED: [LABELS.SwitchStatus.APPROVED, 'pass'],
  REJECTED: [LABELS.SwitchStatus.REJECTED, 'fail'],
};

export const REFUND_STATUS = LABELS.RefundStatus;

export const OUTCOMES = {
  KEEP: [LABELS.RatioOutcome.KEEP, 'pass'], REDUCE: [LABELS.RatioOutcome.REDUCE, 'manual'], CANCEL: [LABELS.RatioOutcome.CANCEL, 'fail'],
};

export const REFUND_REASONS = LABELS.RefundReason;
export {CHANNELS} from '../shared/labels.js';

export const STAFF_PASSWORD_RULE = '至少 12 位，包含大写字母、小写字母、数字、符号中的两种以上，不能包含用户名，不能是常见密码';
export const STAFF_FIELD_PROBLEMS = {
  username: '用户名应为 3–64 位字母、数字、点、横线或下划线，且不能以 applicant、system 等系统保留词开头',
  agencyCode: '招录单位代码不在招录单位名录中，请核对代码，或先在“招录单位”页面添加这个单位',
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

export const APPROVE_COPY = {
  title: '确认审查通过？',
  hint: '审查通过后，考生改报到这个职位。按 Enter 确认，按 Esc 取消。',
  confirm: '确认通过',
  cancel: '取消',
  keys: '快捷键：J/K 或 ↓/↑ 切换申请，A 通过（再按 Enter 确认），R 不通过',
};

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

export const PHASES = LABELS.ExamPhase;

/** The time zones offered for an exam (an exam's own zone is offered as well when it is another). */
export const TIME_ZONES = {
  'Asia/Shanghai': '北京时间', 'Asia/Urumqi': '乌鲁木齐时间', 'Asia/Hong_Kong': '香港时间', 'Asia/Macau': '澳门时间', UTC: '协调世界时',
};

export const EXAM_FIELDS = {
  code: '考试代码', name: '考试名称', timeZone: '时区', defaultRatio: '开考比例（X:1）',
  reduceQuotaBeforeCancel: '达不到开考比例时，先核减计划数，仍达不到再取消职位', maxSwitches: '每人可改报次数',
  feeAmount: '报名费（元）', smsSignature: '短信签名', registrationClosedAt: '报名截止时间', switchWindowOpensAt: '改报开始时间',
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
    case 'smsSignature': return '短信签名最多 12 个字，不带括号';
    case 'switchDeadline': return '改报截止时间应晚于改报开始时间';
    case 'reviewDeadline': return '资格审查截止时间应晚于改报截止时间';
    default: return '填写的内容不符合要求';
  }
}

/** Problems of an import (validation-failed rows name their field in English; the message is the server's). */
export const IMPORT_KINDS = {
  positions: {title: '职位', what: '职位表', template: '/console/templates/positions-template.csv', templateName: '职位表模板.csv', columns: 'code, agencyCode, agencyName, employer, title, quota, ratio, minEducation, degreeRequired, majors, maxAge, politicalStatus, minGrassrootsYears, householdRegion'},
  registrations: {title: '报名数据', what: '报名数据', template: '/console/templates/registrations-template.csv', templateName: '报名数据模板.csv', columns: 'idNumber, name, phone, birthDate, education, degree, major, politicalStatus, grassrootsYears, householdRegion, password 或 passwordHash, positionCode, fee.status, fee.amount, fee.currency, fee.channel, fee.transactionId, fee.paidAt'},
};

export const DELIVERY_STATUS = LABELS.DeliveryStatus;

/** Point 8: what a CSV cell may hold, listed beside the upload (codes or the Chinese labels). */
export const IMPORT_HELP = {
  template: (what) => `下载${what}模板（CSV，含表头和一行示例）`,
  templateHint: '用 Excel 或 WPS 打开模板，删去示例行后填写，另存为“CSV UTF-8”格式再上传。',
  allowedTitle: '可以填写的值',
  allowedCaption: '可以填写的值（代码或中文均可）',
  columns: ['列', '可以填写的值'],
  yesNo: '是 / 否（或 true / false）',
  date: '日期写作 1990-01-31',
  instant: '时间写作 2023-01-10T10:00:00+08:00（带时区）',
  majors: '多个专业用 | 分隔，如 法学|会计学',
  blank: '空着表示不限',
};

/** What went wrong with a webhook attempt, in Chinese: the recorded word, else the HTTP status. */
export function deliveryError(error, statusCode) {
  if (error) return LABELS.DeliveryError[error] || error;
  if (statusCode && (statusCode < 200 || statusCode > 299)) return `支付系统返回错误（HTTP ${statusCode}）`;
  return null;
}

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

// Issue 23: an applicant who forgot their password calls; an administrator gives them a new one.
export const APPLICANT_RESET = {
  title: '考生密码重置',
  intro: '考生忘记密码时会致电考试机构。请先核对来电考生的身份（身份证上的姓名和身份证号、报名时的手机号码），再为其重设密码。',
  effect: '重设后，系统生成一个新密码，只在本页显示一次：请在电话中告诉考生。考生原来的密码和已登录的设备立即失效，登录等待也一并解除。',
  idLabel: '考生身份证号',
  idHint: '18 位，最后一位可能是字母 X',
  submit: '重设密码',
  confirmTitle: '确定为这位考生重设密码吗？',
  confirmBody: (exam, masked) => `考试：${exam}；考生身份证号：${masked}。原密码和已登录的设备将立即失效。`,
  confirm: '确认重设密码',
  cancel: '返回',
  done: '密码已重设',
  newPassword: '新密码',
  newPasswordLine: (masked) => `${masked}　${APPLICANT_RESET.newPassword}：`,
  tell: '请在电话中把新密码告诉考生，并提醒考生妥善保管。离开本页后不再显示。',
  idProblems: {
    empty: '请输入考生身份证号',
    length: '身份证号应为 18 位',
    format: '身份证号的前 17 位应为数字，最后一位为数字或字母 X',
    check: '身份证号有误（校验位不符），请核对',
  },
  notFound: '本考试没有这个身份证号的考生。请核对身份证号和考试。',
};

/** Point 7: a refund's delivery to the payment system, as 退费 and 数据概览 show it. */
export const REFUND_DELIVERY = {
  column: '发送情况',
  filter: '发送情况',
  filterOptions: {true: '发送有问题', false: '发送正常或未发送'},
  problem: '发送有问题',
  attempts: (n) => `已尝试 ${n} 次`,
  next: (at) => `下次尝试：${at}`,
  stopped: '已停止重试，请检查支付系统后在“支付系统通知”的投递记录中重新发送',
  figure: '退费发送有问题',
  figureLink: '查看发送有问题的退费',
};

/** Point 10: an exam whose ratio check is published. */
export const EXAM_COPY = {
  viewPublished: '查看核查结果',
  viewPublishedPlan: '查看已发布的开考比例核查结果',
  frozen: '核查结果已发布，不能修改',
  // the list
  forbidden: '查看考试',
  title: '考试',
  zone: (name, offset) => `${name}（${offset}）`,
  window: (from, to) => `${from} 至 ${to}`,
  published: '已发布',
  notPublished: '未发布',
  editLabel: (code) => `修改 ${code} 的时间安排`,
  edit: '修改时间安排',
  importLabel: (code) => `导入 ${code} 的数据`,
  import: '导入数据',
  ratioLabel: (code, published) => `${code} 的开考比例核查${published ? '结果' : ''}`,
  ratio: '开考比例核查',
  newExam: '新建考试',
  caption: (n) => `共 ${n} 场考试`,
  columns: ['考试代码', '考试名称', '阶段', '时区', '改报时间', '资格审查截止', '开考比例核查', '操作'],
  none: '还没有考试。',
  // the form
  editForbidden: '修改这场考试',
  zoneNote: (name, offset) => `以下时间均为${name}（${offset}），按 年-月-日 时:分 填写。`,
  optional: '选填',
  codeHint: '字母、数字、横线或下划线，最长 40 位，创建后不能修改，如 SX-2024-GWY',
  timeZoneHint: '考生和工作人员看到的时间都按这个时区显示',
  ratioTitle: '开考比例',
  ratioFrozen: '开考比例核查结果已发布，开考比例和核减规则不能再修改。',
  ratioHint: '如 3 表示 3:1；职位可在导入时另行规定',
  maxSwitchesHint: '被取消职位的考生最多可以改报几次（审查未通过后可再次改报）',
  feeHint: '选填，如 100.00',
  smsSignatureHint: '选填，发给本场考试考生的每条短信开头的签名，不带括号，最多 12 个字。如填写“山西省人事考试中心”，短信以【山西省人事考试中心】开头；不填则用系统默认签名',
  smsSignatureDefault: '系统默认签名',
  smsSignatureValue: (signature) => `【${signature}】`,
  timesTitle: '时间安排',
  continue: '继续',
  editTitle: '修改考试时间安排',
  problems: {
    name: '请输入考试名称',
    defaultRatio: '开考比例应为 1 到 100 的整数',
    maxSwitches: '改报次数应为 0 到 10 的整数',
    feeAmount: '报名费应为金额，最多两位小数，如 100.00',
    smsSignature: '短信签名最多 12 个字，不带括号（【】或 []）',
    required: (field) => `请填写${field}`,
    format: (field) => `${field}的格式不正确`,
    switchDeadline: '改报截止时间应晚于改报开始时间',
    reviewDeadline: '资格审查截止时间应晚于改报截止时间',
  },
  // the check page
  changeLabel: (label) => `修改${label}`,
  change: '修改',
  save: '保存修改',
  create: '创建考试',
  checkEditTitle: '请核对修改后的时间安排',
  checkNewTitle: '请核对考试信息',
  ratioValue: (r) => `${r}:1`,
  reduceYes: '是',
  reduceNo: '否（达不到比例即取消职位）',
  times: (n) => `${n} 次`,
  yuan: (amount) => `${amount} 元`,
  afterEdit: '修改后，考生和审查人员立即按新的时间安排办理。',
  afterCreate: '提交后可以继续导入职位和报名数据。',
  codeTaken: '这个考试代码已被使用，请返回修改考试代码。',
  ratioPublished: '这场考试的开考比例核查结果已发布，开考比例和核减规则不能再修改。',
  fieldProblem: (field, problem) => `${field}：${problem}`,
  invalid: '填写的内容不符合要求，请返回修改。',
  editWhat: '修改考试',
  createWhat: '新建考试',
  // done
  created: '考试已创建',
  saved: '时间安排已保存',
  next: '接下来',
  importNext: '导入职位和报名数据',
  ratioNext: '进行开考比例核查',
  back: '返回考试列表',
};

/** Point 5: the agencies registry, and reviewer accounts that name one of its agencies. */
export const AGENCY_COPY = {
  title: '招录单位',
  intro: '招录单位名录供所有考试共用：一个单位代码在每场考试中都指同一个单位。导入职位时，新的单位代码会连同名称自动加入名录；'
    + '名录中已有的代码如果在职位表中写了不同的名称，该行会被拒绝导入。审查人员账号必须属于名录中的单位。',
  addTitle: '新增招录单位',
  add: '新增招录单位',
  code: '单位代码',
  codeHint: '字母、数字、点、横线或下划线；不区分大小写，统一按大写保存，如 A07',
  name: '单位名称',
  nameHint: '全称，如 晋中市统计局；所有考试都显示这个名称',
  search: '按代码或名称查找',
  searchForm: '查找招录单位',
  listTitle: '全部招录单位',
  none: '没有符合条件的招录单位。',
  needCode: '请输入单位代码',
  needName: '请输入单位名称',
  exists: '名录中已有这个单位代码（不区分大小写）。如需修改名称，请在下方列表中点击“修改名称”。',
  badCode: '单位代码应为最多 40 位字母、数字、点、横线或下划线',
  badName: '单位名称不能为空，最多 200 个字，不能含有控制字符',
  forbidden: '管理招录单位名录（仅考试机构管理员可以操作）',
  added: (a) => `已将 ${a.code}（${a.name}）加入招录单位名录。`,
  renameTitle: (a) => `修改 ${a.code} 的名称`,
  renameHint: '所有考试中这个单位的职位都会显示新名称。',
  save: '保存名称',
  rename: '修改名称',
  updatedAt: '更新时间',
  actions: '操作',
  caption: (total, filtered) => `共 ${total} 个招录单位${filtered ? '（已筛选）' : ''}`,
  renamed: (code, name) => `已将 ${code} 的名称改为“${name}”，所有考试中该单位的职位同时更新。`,
  unknownAgency: (code) => `单位代码 ${code} 不在招录单位名录中。请核对代码，或先在“招录单位”页面添加这个单位。`,
  changeAgency: '修改所属单位',
  changeTitle: (u) => `修改 ${u} 的所属单位`,
  changeHint: '填写名录中的单位代码（不区分大小写）。修改后，这个账号需要重新登录。',
  changed: (u, code) => `已将 ${u} 的所属单位改为 ${code}，该账号需要重新登录。`,
};

/** Point 6: an administrator's correction of a decision. */
export const CORRECTION_COPY = {
  open: '更正审查结果',
  title: (name, toApprove) => `将 ${name} 的审查结果更正为“${toApprove ? '审查通过' : '审查未通过'}”？`,
  intro: (now, toApprove) => `现在的结果是“${now}”。只有在资格审查截止前、且这个结果还没有产生后续影响（考生没有再次改报、没有生成退费）时才能更正。`
    + (toApprove ? '更正后考生改报到这个职位。' : '更正后考生回到原报考职位；没有改报机会时会生成退费。'),
  rejectReason: '不通过的原因',
  rejectHint: '考生会看到这个原因。',
  why: '更正的原因',
  whyHint: '记入操作日志，如“审查人员误按通过”。',
  needRejectReason: '请填写不通过的原因',
  needWhy: '请填写更正的原因',
  confirm: '确认更正',
  done: (name) => `已更正 ${name} 的审查结果。`,
  problem: (e) => {
    if (e.slug === 'decision-not-correctable') return '这个审查结果已经产生后续影响（考生再次改报或已生成退费），不能再更正。';
    if (e.slug === 'review-deadline-passed') return '资格审查已截止，审查结果不能再更正。';
    return null;
  },
};

/** Words several console pages share. */
export const COMMON = {
  noExams: '目前没有考试。',
  cancel: '取消',
  filter: '筛选',
  clearFilters: '清除筛选条件',
  noRecords: '没有符合条件的记录。',
  lateDecision: '截止后决定',
  /** A name with its code, e.g. 晋中市统计局（A07）. */
  withCode: (name, code) => `${name}（${code}）`,
  /** The pager's suffix after 第 n 页. */
  total: (n) => `，共 ${n} 条`,
};

export const SIGN_IN = {
  title: '工作人员登录',
  caption: '职位改报 · 工作人员控制台',
  intro: '考试机构管理员和招录单位审查人员使用本单位分配的账号登录。',
  username: '用户名',
  password: '密码',
  submit: '登录',
  needUsername: '请输入用户名',
  needPassword: '请输入密码',
};

/** Point 11: 操作日志. */
export const AUDIT = {
  title: '操作日志',
  badFilter: '筛选条件不正确。',
  forbidden: '查看操作日志（仅考试机构管理员可以查看）',
  filterForm: '筛选操作日志',
  actor: '操作人',
  actorHint: '工作人员的用户名，或 system（系统）、payment-system（支付系统）',
  action: '操作',
  subject: '对象',
  subjectHint: '类型:编号，如 switch:12、exam:SX-2023-GWY',
  exam: '考试代码',
  from: '开始时间（北京时间）',
  to: '结束时间（北京时间）',
  export: '导出操作日志（CSV）',
  caption: (total, filtered) => `共 ${total} 条${filtered ? '（已筛选）' : ''}，最新的在前`,
  columns: ['时间', '操作人', '操作', '对象', '考试', '变化', '请求编号'],
  actorWithRole: (actor, role) => `${actor}（${role}）`,
  changes: '查看变化',
  before: '之前：',
  after: '之后：',
};

/** Point 7: 审查情况 and 改报结果. */
export const REVIEWS = {
  filterForm: (title) => `筛选${title}`,
  agency: '招录单位',
  agencyHint: '单位代码（如 A07）或单位名称',
  status: '审查状态',
  shownAgency: (agency) => `招录单位 ${agency}`,
  caption: (total, shown) => `共 ${total} 条${shown ? `（${shown}）` : ''}`,
  shownJoin: '，',
  reviews: {
    title: '审查情况', export: '导出审查结果（CSV）',
    forbidden: '查看各招录单位的审查情况（仅考试机构管理员可以查看）',
    columns: ['编号', '考生', '身份证号', '改报职位', '招录单位', '系统预审', '审查状态', '审查人员', '审查时间', '不通过原因'],
  },
  switches: {
    title: '改报结果', export: '导出改报结果（CSV）',
    forbidden: '查看改报结果（仅考试机构管理员可以查看）',
    columns: ['编号', '考生', '身份证号', '第几次改报', '原报考职位', '改报职位', '招录单位', '审查状态', '审查时间', '不通过原因'],
  },
};

/** Point 5: 开考比例核查 (the outcomes' words are LABELS.RatioOutcome, through OUTCOMES). */
export const RATIO = {
  title: '开考比例核查',
  forbidden: '进行开考比例核查（仅考试机构管理员可以操作）',
  all: '全部',
  filterForm: '筛选职位',
  outcome: '核查结果',
  code: '职位代码',
  caption: (n, filtered) => `${n} 个职位${filtered ? '（已筛选）' : ''}`,
  columns: ['职位代码', '已确认报名人数', '开考比例', '达到比例所需人数', '原计划数', '核查结果', '新计划数'],
  /** The column names a narrow screen shows beside each cell (所需人数 is shorter than the header). */
  cellLabels: {code: '职位代码', confirmed: '已确认报名人数', ratio: '开考比例', needed: '所需人数', quota: '原计划数', outcome: '核查结果', newQuota: '新计划数'},
  ratio: (r) => `${r}:1`,
  total: '合计（筛选结果）',
  publish: '发布核查结果',
  confirmTitle: '确认发布开考比例核查结果？',
  confirmEffect: (plan) => `将取消 ${plan.cancelled} 个职位，核减 ${plan.reduced} 个职位的计划数，保留 ${plan.kept} 个职位（共 ${plan.positions.length} 个职位）。`,
  confirmAfter: '发布后，职位、报名数据和开考比例不能再修改；被取消职位的已缴费考生可以登录改报，取消职位名单向社会公布。',
  confirm: '确认发布',
  published: (plan) => `开考比例核查结果已发布：取消 ${plan.cancelled} 个职位，核减 ${plan.reduced} 个，保留 ${plan.kept} 个。`,
  publishForbidden: '发布核查结果',
  publishedNote: '核查结果已发布。',
  publishedRest: '以下是已发布的结果，不能再修改。',
  trial: '以下是按当前报名数据试算的结果（未发布，不影响考生）。核对无误后再发布。',
  positions: '职位合计',
};

/** Point 8: 退费 (statuses, reasons and channels are the shared labels). */
export const REFUNDS = {
  title: '退费',
  forbidden: '查看退费（仅考试机构管理员可以查看）',
  filterForm: '筛选退费',
  status: '退费状态',
  reason: '退费原因',
  channel: '支付渠道',
  shownJoin: '，',
  requeueTitle: '重新发起这笔退费？',
  requeueBody: (channel, r) => `将向${channel}重新发送退费指令：考生 ${r.idNumberMasked}，${r.amount} 元，原交易号 ${r.originalTransactionId}。`,
  requeueConfirm: '重新发起退费',
  requeued: (id) => `已重新发起退费（编号 ${id}）。`,
  notRequeueable: '这笔退费现在不是“退费失败”状态，不能重新发起。列表已刷新。',
  caption: (total, shown) => `共 ${total} 笔退费${shown ? `（${shown}）` : ''}`,
  id: '编号', idNumber: '考生身份证号', reasonColumn: '原因', channelColumn: '渠道', amount: '金额',
  transaction: '原交易号', channelRefund: '渠道退款号', statusColumn: '状态', updatedAt: '更新时间', actions: '操作',
  yuan: (amount) => `${amount} 元`,
  requeue: '重新发起',
  requeueLabel: (id) => `重新发起退费 ${id}`,
  export: '导出退费明细（CSV）',
  none: '没有符合条件的退费。',
  deliveryJoin: '；',
};

/** Issue 26: 短信通知. */
export const NOTIFICATIONS = {
  title: '短信通知',
  forbidden: '查看短信通知（仅考试机构管理员可以查看）',
  intro: '职位取消、改报截止提醒、改报提交、审查结果和退费进展，系统会逐一通知每位相关考生：登记了手机号码的发送短信，所有考生都能在“我的改报”中看到同样的消息。',
  noGateway: '目前没有启用的短信网关：短信在队列中等待，启用网关后会立即发送。',
  figuresTitle: '主要数字',
  affected: '被取消职位的考生',
  withoutMobile: '其中没有手机号码的考生',
  backlog: '等待发送的短信',
  oldest: '最早一条已等待',
  minutes: (seconds) => (seconds < 60 ? `${seconds} 秒` : `${Math.floor(seconds / 60)} 分钟`),
  countsCaption: '各类消息的发送情况（条）',
  kind: '消息类型',
  listTitle: '消息明细',
  filterForm: '筛选消息',
  idNumber: '考生身份证号',
  idNumberHint: '查看一位考生的全部消息',
  status: '发送状态',
  ofApplicant: '一位考生',
  join: '，',
  caption: (total, shown) => `共 ${total} 条消息${shown ? `（${shown}）` : ''}`,
  columns: ['时间', '类型', '考生', '手机号码', '状态', '内容', '操作'],
  none: '没有符合条件的消息。',
  failure: (error, code, attempts) => {
    const why = code ? `短信网关返回 ${code}` : error === 'timeout' ? '短信网关没有在规定时间内响应'
      : error === 'connection refused' ? '无法连接到短信网关' : error === 'target not allowed' ? '短信网关地址指向不允许访问的网络地址'
        : error ? `短信网关出错（${error}）` : '原因不明';
    return `${why}，已尝试 ${attempts} 次`;
  },
  sendAfter: (at) => `将于 ${at} 发送`,
  resend: '重发',
  resendLabel: (name, kind) => `重发给${name}的“${kind}”短信`,
  resent: (mobile) => `已重新发送到 ${mobile}（如在夜间免打扰时段，将于早上发送）。`,
  notResendable: '这条短信现在不是“发送失败”状态，不能重发。列表已刷新。',
};

/** Point 6: 数据概览. */
export const SUMMARY = {
  title: '数据概览',
  forbidden: '查看考试的数据概览（仅考试机构管理员可以查看）',
  charts: {
    positions: '职位核查结果', positionsSeries: '职位数',
    reviews: '改报申请的审查状态', reviewsSeries: '申请数',
    agencies: '各招录单位的改报申请',
    refundReasons: '退费原因', refundStatus: '退费状态', refundsSeries: '退费笔数',
  },
  tableCaption: (title) => `${title}（数据）`,
  item: '项目',
  noSwitches: '还没有改报申请。',
  asOf: (phase, at) => `阶段：${phase}。数据截至 ${at}。`,
  refresh: '刷新数据',
  figuresTitle: '主要数字',
  kept: '保留的职位', reduced: '核减计划数的职位', cancelled: '取消的职位',
  affected: '被取消职位的考生', switched: '已改报', notSwitched: '未改报',
  withoutMobile: '其中没有手机号码', withoutMobileLink: '查看短信通知',
  overdue: '逾期未审',
  refundFigure: (status) => `退费${status}`,
  problemLink: (text, n) => `${text}（${n} 笔）`,
  chartsTitle: '图表',
  chartsFailed: '图表没有加载成功，数字见下表。',
};

/** Point 4: 导入数据 (the kinds and the allowed values are IMPORT_KINDS and IMPORT_HELP above). */
export const IMPORTS = {
  title: '导入数据',
  newExam: '新建考试',
  rejectedTitle: (count) => `文件未导入：发现 ${count} 处错误`,
  rejectedBody: (name) => `${name} 中的数据一条也没有导入（导入要么全部成功，要么全部不导入）。请按下表改正后重新上传整个文件。`,
  errorsCaption: (count, shown) => (count > shown ? `错误明细（共 ${count} 处，列出前 ${shown} 处）` : `错误明细（共 ${count} 处）`),
  errorColumns: ['行号（不含表头）', '字段', '问题'],
  listJoin: '、',
  blankJoin: '；',
  wholeNumbers: '整数；ratio 空着表示用考试的开考比例',
  channelBlank: '免缴费和未缴费时空着',
  fileLabel: (what) => `选择${what}文件（CSV 或 JSON）`,
  fileHint: (columns) => `CSV 须为 UTF-8 编码并带表头行，列为：${columns}。`,
  progressLabel: (what) => `${what}上传进度`,
  upload: (title) => `上传并导入${title}`,
  formTitle: (title) => `导入${title}`,
  needFile: (what) => `请选择要导入的${what}文件`,
  badType: '文件应为 .csv 或 .json 格式',
  uploading: (name, size) => `正在上传 ${name}（${size}）…`,
  uploaded: (pct, sent, total) => `已上传 ${pct}%（${sent} / ${total}）`,
  checking: '上传完成，正在检查和导入数据…',
  done: '导入完成。',
  imported: (title) => `${title}已导入`,
  importedBody: (name, d) => `${name}：共 ${d.received} 条，新增 ${d.created} 条，更新 ${d.updated} 条。`,
  published: '这场考试的开考比例核查结果已发布，职位和报名数据不能再导入或修改。',
  publishedRefused: '这场考试的开考比例核查结果已发布，职位和报名数据不能再导入或修改。文件没有导入。',
  malformed: '文件无法读取（不是有效的 CSV 或 JSON）。文件没有导入。',
  tooLarge: '文件太大，服务器拒绝接收。文件没有导入。',
  forbidden: '导入数据',
  order: '先导入职位，再导入报名数据。同一职位代码再次导入时会更新原有职位。'
    + '每个文件要么全部导入，要么（有任何一行出错时）一条也不导入。',
  next: '导入完成后，进行开考比例核查',
};

/** Point 10: 工作人员账号. */
export const STAFF = {
  title: '工作人员账号',
  forbidden: '管理工作人员账号（仅考试机构管理员可以操作）',
  forbiddenWhat: '管理工作人员账号',
  username: '用户名',
  usernameHint: '3–64 位字母、数字、点、横线或下划线',
  agencyCode: '招录单位代码',
  agencyCodeHint: '招录单位名录中的代码，如 A07（不区分大小写）；审查人员只能审查本单位职位的申请',
  password: '初始密码',
  create: '创建审查人员账号',
  formTitle: '新建招录单位审查人员',
  needUsername: '请输入用户名',
  needAgency: '请输入招录单位代码',
  needPassword: '请输入初始密码',
  taken: '这个用户名已被使用（不区分大小写），请换一个',
  disabled: (u) => `已停用账号 ${u}，它的登录立即失效。`,
  enabled: (u) => `已启用账号 ${u}，需要重新登录。`,
  save: '保存',
  caption: (n) => `共 ${n} 个账号`,
  columns: {username: '用户名', role: '角色', agency: '招录单位', status: '状态', createdAt: '创建时间', actions: '操作'},
  on: '启用',
  off: '已停用',
  current: '当前账号',
  changeAgencyLabel: (u) => `修改账号 ${u} 的所属单位`,
  disable: '停用',
  enable: '启用',
  toggleLabel: (enabled, u) => `${enabled ? '停用' : '启用'}账号 ${u}`,
  created: (a) => `已创建审查人员账号 ${a.username}（单位 ${a.agencyCode}）。请把用户名和初始密码分开告知本人。`,
  all: '全部账号',
};

/** Point 9: 支付系统通知 (channels and delivery statuses are the shared labels). */
export const WEBHOOKS = {
  title: '支付系统通知',
  channelJoin: '、',
  channelTaken: (taken, id, what) => `${taken ? `${taken}渠道` : '所选渠道'}已由订阅 #${id} 接收：每个支付渠道只能有一个启用的订阅。`
    + `请先停用订阅 #${id}，或修改它的渠道，再${what}。`,
  badUrl: '接收地址不可用：须为 https 或 http 的公网地址，不能是内网、本机或带用户名密码的地址。',
  needChannel: '请至少选择一个支付渠道。',
  invalid: '填写的内容不符合要求，请检查后重试。',
  // the secret, shown once
  copySecret: '复制密钥',
  copied: '已复制到剪贴板。',
  copyFailed: '无法自动复制：密钥已选中，请按 Ctrl+C 复制。',
  subscriptionLine: (id, channels, url) => `订阅 #${id}：${channels} → ${url}`,
  secretTitle: '签名密钥（只显示这一次）',
  secret: '签名密钥',
  secretHint: '请立即复制并交给支付系统的技术人员，用于校验回调和通知的签名。离开本页后无法再次查看；遗失时只能更换密钥。',
  secretDone: '我已保存密钥，返回订阅列表',
  // the list
  forbidden: '管理支付系统的通知订阅（仅考试机构管理员可以操作）',
  rotated: '已更换签名密钥',
  disabled: (id) => `已停用订阅 #${id}，不再向它发送退费通知。`,
  enabled: (id) => `已启用订阅 #${id}，待发送的通知会立即发送。`,
  enableWhat: '启用这个订阅',
  actWhat: '操作',
  rotateTitle: (id) => `更换订阅 #${id} 的签名密钥？`,
  rotateBody: '将生成新的签名密钥并只显示一次。原密钥在 24 小时内仍然有效（通知同时带新旧两个签名），请在此期间让支付系统换用新密钥。',
  rotate: '更换密钥',
  id: (id) => `#${id}`,
  on: '启用',
  off: '已停用',
  previousExpires: (at) => `原密钥 ${at} 失效`,
  deliveriesLabel: (id) => `订阅 #${id} 的投递记录`,
  deliveries: '投递记录',
  editLabel: (id) => `修改订阅 #${id}`,
  edit: '修改',
  rotateLabel: (id) => `更换订阅 #${id} 的密钥`,
  disable: '停用',
  enable: '启用',
  toggleLabel: (enabled, id) => `${enabled ? '停用' : '启用'}订阅 #${id}`,
  intro: '退费指令以签名通知（Standard Webhooks）发给各支付渠道的支付系统。每个支付渠道只能有一个启用的订阅。',
  newSubscription: '新建订阅',
  caption: (n) => `共 ${n} 个订阅`,
  columns: ['编号', '接收地址', '支付渠道', '状态', '密钥', '创建时间', '操作'],
  none: '还没有订阅。退费通知会等到有订阅接收对应渠道时再发送。',
  // the form
  editForbidden: '修改通知订阅',
  notFound: '没有找到这个订阅',
  back: '返回订阅列表',
  url: '接收地址（URL）',
  urlHint: '支付系统接收退费通知的 https 地址，如 https://pay.example.cn/hooks/refunds',
  channels: '支付渠道',
  channelsHint: '这个支付系统接收哪些渠道的退费',
  save: '保存修改',
  create: '创建订阅',
  needUrl: '请输入接收地址',
  needChannels: '请至少选择一个支付渠道',
  saved: (id, channels, url) => `已保存订阅 #${id}：${channels} → ${url}。密钥不变。`,
  created: '订阅已创建',
  editWhat: '修改这个订阅',
  createWhat: '创建订阅',
  editTitle: (id) => `修改订阅 #${id}`,
  // the deliveries
  notSent: '尚未发送',
  attemptsSummary: (n) => `${n} 次发送记录`,
  attempt: (a, at) => `第 ${a.attempt} 次 · ${at} · 订阅 #${a.subscriptionId} · `,
  httpOk: (code) => `HTTP ${code}（成功）`,
  noResponse: '无响应',
  duration: (ms) => ` · ${ms} 毫秒`,
  deliveriesForbidden: '查看投递记录（仅考试机构管理员可以查看）',
  replayTitle: (webhookId) => `重新发送通知 ${webhookId}？`,
  replayBody: (refundId) => `退费 #${refundId} 的通知将从头按重试计划重新发送，webhook-id 不变（支付系统据此去重）。`,
  replay: '重新发送',
  replayed: (d) => `已安排重新发送通知 ${d.webhookId}（退费 #${d.refundId}）。`,
  settled: '这笔退费已经有了结果（已退款或退费失败），不再重新发送通知。',
  replayWhat: '重新发送通知',
  filterForm: '筛选投递记录',
  status: '投递状态',
  replayLabel: (id) => `重新发送通知 ${id}`,
  deliveriesTitle: (id) => `订阅 #${id} 的投递记录`,
  deliveriesCaption: (n, status) => `共 ${n} 条通知${status ? `（${status}）` : ''}`,
  deliveryColumns: ['编号', '退费', 'webhook-id', '状态', '发送次数', '下次发送', '最近结果', '发送记录', '操作'],
  noDeliveries: '没有投递记录。',
};

/** Points 1–2: 资格审查, the queue and the review of one switch (statuses from REVIEW_STATUS, marks from MARKS). */
export const QUEUE = {
  title: '资格审查',
  // the comparison of requirements and facts
  educationOrAbove: (education) => `${education}及以上`,
  degreeRequired: '须取得相应学位',
  hasDegree: '有学位',
  noDegree: '无学位',
  listJoin: '、',
  maxAge: (n) => `${n}周岁以下`,
  ageAtDeadline: (n) => `${n}周岁（审查截止时）`,
  minYears: (n) => `${n}年以上`,
  years: (n) => `${n}年`,
  compareCaption: '职位要求与考生条件对照（系统预审）',
  compareColumns: ['条件', '职位要求', '考生情况', '预审'],
  noRule: '不限',
  /** A precheck result as the review's tag says it (the result's words are LABELS.PrecheckResult). */
  precheck: (result) => `系统预审：${result}`,
  // the applicant, the position and the decision
  name: '姓名',
  idNumber: '身份证号',
  birthDate: '出生日期',
  birthDateAge: (date, age) => `${date}（审查截止时 ${age} 周岁）`,
  education: '学历',
  degree: '学位',
  yes: '有',
  no: '无',
  major: '专业',
  political: '政治面貌',
  grassroots: '基层工作年限',
  household: '户籍所在地',
  originalPosition: '原报考职位',
  submittedAt: '提交改报时间',
  positionCode: '职位代码',
  positionTitle: '职位名称',
  employer: '用人单位',
  agency: '招录单位',
  result: '审查结果',
  reviewer: '审查人员',
  reason: '不通过原因',
  decidedAt: '审查时间',
  late: '超过审查截止时间',
  lateYes: '是（由管理员在截止后作出）',
  // the reject form
  detail: '补充说明',
  detailHint: '选择“其他原因”时必填；考生会看到不通过的原因。',
  reasonLegend: '不通过的原因',
  reasonKeys: '按数字键 1–8 选择，Esc 取消。',
  rejectConfirm: '确认不通过',
  rejectTitle: '审查不通过',
  needReason: '请选择或填写不通过的原因',
  needDetail: '选择“其他原因”时，请填写补充说明',
  reasonWithDetail: (reason, detail) => `${reason}：${detail}`,
  // the page
  notPublished: '这场考试还没有发布开考比例核查结果，因此还没有改报申请需要审查。',
  goRatio: '去进行开考比例核查',
  forbidden: '查看这场考试的改报申请',
  allAgencies: '全部招录单位',
  ownAgency: (agency) => `本单位（${agency}）`,
  countdown: '距资格审查截止还有 ',
  closed: '资格审查已截止。',
  tabsLabel: '按审查状态查看',
  tab: (status, n) => `${status}（${n}）`,
  listLabel: (status) => `${status}的改报申请`,
  itemMeta: (code, title) => `${code} · ${title}`,
  approved: (name) => `已通过 ${name} 的改报申请。`,
  rejected: (name) => `已将 ${name} 的改报申请审查为不通过。`,
  whoAndId: (name, id) => `（${name}，申请编号 ${id}）`,
  decideWhat: '审查这条改报申请',
  applicant: '考生',
  applicantLine: (name, id) => `${name}（${id}）`,
  targetPosition: '改报职位',
  nothingTitle: '没有需要显示的申请',
  nothingPending: '本单位目前没有待审查的改报申请。',
  nothingHere: '没有这一状态的申请。',
  approve: '通过',
  reject: '不通过',
  reviewTitle: (name, code) => `${name} 申请改报 ${code}`,
  applicantTitle: '考生信息',
  positionTitleHeading: '改报职位',
  resultTitle: '审查结果',
  subtitle: (exam, scope) => `${exam} · ${scope}`,
  deadline: (at) => `资格审查截止时间：${at}`,
  none: '没有申请。',
};

/** 回执核验: the full record behind a receipt's code. */
export const RECEIPT_COPY = {
  heading: '回执核验',
  intro: '输入考生出示的回执上的核验码，查看回执背后的完整记录。审查人员只能查看本单位职位的回执。',
  code: '核验码',
  hint: '16 位，如 7KQM-3WXD-HR9F-PT2C，不区分大小写',
  submit: '核验',
  invalid: '核验码有误（校验位不符），请逐位核对考生的回执',
  notFound: '没有这个核验码的回执（或不是本单位职位的回执）',
  validity: '回执状态',
  current: '有效，为最新决定',
  superseded: (kind, at) => `已被之后的决定取代：${kind}（${at}）`,
  exam: '考试',
  examLine: (r) => `${r.examName}（${r.examCode}）`,
  name: '姓名',
  idNumber: '身份证号',
  original: '原报考职位',
  target: '改报职位',
  position: (p) => `${p.code} ${p.title}（${p.agencyName}，${p.employer}）`,
  decision: '办理结果',
  issuedAt: '办理时间',
  refundAmount: '退费金额',
  refundReason: '退费原因',
  registration: '报名记录编号',
  switchId: '改报编号',
  switchNow: '改报目前状态',
  reviewer: '审查人员',
  remark: '审查意见',
  late: '审查截止后作出',
  yes: '是',
  refundId: '退费编号',
  refundNow: '退费目前状态',
  channel: '退回渠道',
  history: '该考生的全部回执',
  historyKind: '回执类型',
};

/** The console's frame: menu, page titles, who is signed in, and what every page shares. */
/** 系统管理: the hub of the pages set up once or opened now and then (pages/settings.js). */
export const SETTINGS_COPY = {
  intro: '这些功能多在改报开始前设置一次，或在需要时查看。',
  about: {
    '/webhooks': '设置接收退费通知的支付系统，查看每笔退费通知的投递情况。',
    '/notifications': '设置短信网关，查看发给考生的短信和发送结果。',
    '/agencies': '维护招录单位名录：单位代码和名称。',
    '/staff': '为考试机构和招录单位的工作人员开设账号，停用或重新启用账号。',
    '/audit': '查看和导出每一项操作的记录：谁、在什么时间、做了什么。',
    '/retention': '考试结束、退费办结并过了保存期限后，清除本次考试考生的个人信息。',
  },
};

export const SHELL = {
  nav: {
    '/exams': '考试',
    '/imports': '导入数据',
    '/ratio': '开考比例核查',
    '/queue': '资格审查',
    '/reviews': '审查情况',
    '/switches': '改报结果',
    '/summary': '数据概览',
    '/refunds': '退费',
    '/webhooks': '支付系统通知',
    '/notifications': '短信通知',
    '/audit': '操作日志',
    '/agencies': '招录单位',
    '/staff': '工作人员账号',
    '/applicants': '考生密码重置',
    '/receipts': '回执核验',
    '/retention': '个人信息清除',
    '/settings': '系统管理',
  },
  titles: {
    '/sign-in': '工作人员登录',
    '/queue': '资格审查',
    '/summary': '数据概览',
    '/ratio': '开考比例核查',
    '/refunds': '退费',
    '/staff': '工作人员账号',
    '/exams': '考试',
    '/exams/new': '新建考试',
    '/exams/edit': '修改考试时间安排',
    '/imports': '导入数据',
    '/reviews': '审查情况',
    '/switches': '改报结果',
    '/webhooks': '支付系统通知',
    '/webhooks/new': '新建订阅',
    '/webhooks/edit': '修改订阅',
    '/webhooks/deliveries': '投递记录',
    '/notifications': '短信通知',
    '/audit': '操作日志',
    '/applicants': '考生密码重置',
    '/agencies': '招录单位',
    '/receipts': '回执核验',
    '/retention': '个人信息清除',
    '/settings': '系统管理',
  },
  /** The label of the breadcrumbs above a page under 系统管理. */
  crumbs: '所在位置',
  expired: '您的登录已过期，请重新登录。未提交的审查意见没有保存。',
  signedOut: '您已安全退出登录。',
  who: (user, role, agency) => `${user}（${role}${agency ? ` · 单位 ${agency}` : ''}）`,
  thisPage: '查看这一页',
  documentTitle: (t) => `${t} - 职位改报工作人员控制台`,
  forbiddenTitle: '没有权限',
  failedTitle: '页面没有加载成功',
  home: '返回首页',
  retry: '重试',
  pager: '翻页',
  previous: '上一页',
  next: '下一页',
  pageOf: (page, pages, more) => `第 ${page} / ${pages} 页${more}`,
  chooseExam: '选择考试',
  examOption: (name, code) => `${name}（${code}）`,
  exam: '考试',
  show: '查看',
  exporting: '正在生成 CSV 文件…',
  exported: (name) => `已下载 ${name}（UTF-8 编码，可用 Excel 或 WPS 直接打开）。`,
  exportThis: '导出这份数据',
  exportFailed: (why) => `导出没有成功：${why}`,
  filter: '筛选',
  all: '全部',
};

/** Issue 29: purging an exam's applicants' personal data after its refunds and retention period. */
export const RETENTION = {
  title: '个人信息清除',
  lead: '考试结束、退费办结并过了保存期限后，清除本次考试考生的个人信息。先看下面的核对结果，再决定是否清除。',
  forbidden: '只有管理员可以清除个人信息。',
  state: '状态',
  purgedTag: '已清除',
  blockedTag: '暂不能清除',
  readyTag: '可以清除',
  reviewDeadline: '资格审查截止时间',
  purgeableFrom: '最早可清除时间',
  refunds: '退费',
  refundsSettled: '已全部办结',
  refundsOpen: (n) => (n > 0 ? `还有 ${n} 笔退费未办结` : '退费尚未确定'),
  purgedAt: '清除时间',
  purgedBy: (at, by) => `${at}，操作人 ${by}`,
  goesTitle: '将被清除的信息',
  applicants: '考生姓名、完整身份证号和登录密码',
  mobileNumbers: '手机号码',
  signInRecords: '登录失败记录',
  count: (n) => `${n} 条`,
  goesBody: '清除后，姓名显示为「（已清除）」，身份证号只保留已打码的形式，考生不能再登录。',
  staysTitle: '保留的信息',
  stays: ['报名、改报和退费的数量与结果', '资格审查意见', '操作日志（考生信息已打码）'],
  blocker: {
    RETENTION_PERIOD_NOT_PASSED: (at) => `保存期限未到：${at} 以后才能清除。`,
    REFUNDS_NOT_SETTLED: (at, n) => (n > 0 ? `还有 ${n} 笔退费未办结，办结后才能清除。` : '本次考试的退费尚未确定，确定并办结后才能清除。'),
    PERSONAL_DATA_PURGED: () => '本次考试的个人信息已经清除。',
  },
  readyWarning: '清除后无法恢复。导出的数据会注明个人信息已清除。',
  purge: '清除个人信息',
  confirmTitle: (exam) => `清除「${exam}」的考生个人信息？`,
  confirmWarning: '此操作无法撤销。',
  confirmBody: (n) => `将清除 ${n} 名考生的姓名、完整身份证号、手机号码和登录密码。操作会记入操作日志。`,
  confirm: '确认清除',
  purged: (n) => `已清除 ${n} 名考生的个人信息。`,
  refused: {
    'purge-not-confirmed': '考生人数与刚才核对的结果不一致，请刷新页面重新核对后再清除。',
    'personal-data-purged': '本次考试的个人信息已经清除。',
    'refunds-not-settled': '还有退费未办结，暂不能清除。',
    'retention-period-not-passed': '保存期限未到，暂不能清除。',
  },
};
