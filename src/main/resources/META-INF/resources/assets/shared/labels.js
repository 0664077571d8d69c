// The Chinese label of every code that applicants and staff read: one table per enum, shared by both
// front-ends (import from here; no page keeps a copy). The server's CSV exports and CSV imports read
// LABELS from this file (common/Labels.java); LabelsTest fails when an enum value has no label there.
// LABELS holds the label staff and exports use; where applicants read a step differently (a switch
// under review, a refund on its way) the applicant tables below give {label, tone, staff}, their
// staff wording being LABELS' own.

/** Enum tables, by the API's enum name. */
export const LABELS = {
  Education: {JUNIOR_COLLEGE: '大专', BACHELOR: '本科', MASTER: '硕士研究生', DOCTORATE: '博士研究生'},
  PoliticalStatus: {
    CPC_MEMBER: '中共党员（含预备党员）', CPC_PROBATIONARY: '中共预备党员', CYL_MEMBER: '共青团员',
    MASSES: '群众', OTHER_PARTY: '民主党派成员',
  },
  FeeStatus: {PAID: '已缴费', WAIVED: '免缴费', UNPAID: '未缴费'},
  PaymentChannel: {ALIPAY: '支付宝', WECHAT: '微信支付', UNIONPAY: '银联'},
  Requirement: {
    MIN_EDUCATION: '学历', DEGREE: '学位', MAJOR: '专业', MAX_AGE: '年龄',
    POLITICAL_STATUS: '政治面貌', GRASSROOTS_YEARS: '基层工作经历', HOUSEHOLD_REGION: '户籍',
  },
  PositionStatus: {OPEN: '正常招录', REDUCED: '核减计划数', CANCELLED: '已取消'},
  RatioOutcome: {KEEP: '保留', REDUCE: '核减计划数', CANCEL: '取消'},
  ExamPhase: {
    REGISTRATION_CLOSED: '报名已结束，改报未开始', SWITCHING: '改报中', REVIEWING: '资格审查中', CLOSED: '已结束',
  },
  SwitchStatus: {PENDING: '待审查', APPROVED: '审查通过', REJECTED: '审查未通过'},
  PrecheckResult: {PASS: '全部符合', FAIL: '有条件不符合', MANUAL: '有条件需人工核实'},
  RefundStatus: {QUEUED: '待发送', SENT: '已发送，待确认', SUCCEEDED: '已退款', FAILED: '退款失败'},
  RefundReason: {NOT_SWITCHED: '未改报', REVIEW_REJECTED: '改报后资格审查未通过', DECLINED: '本人放弃改报'},
  DeliveryStatus: {PENDING: '待发送', DELIVERED: '已送达', FAILED: '发送失败'},
  ReceiptKind: {
    SWITCH_SUBMITTED: '改报申请回执', REVIEW_DECIDED: '资格审查结果回执', DECLINED: '放弃改报（申请退费）回执',
    REFUND_QUEUED: '退费受理回执', REFUND_SETTLED: '退费结果回执',
  },
  // What a receipt says was decided (its decision field).
  ReceiptDecision: {
    PENDING: '已提交改报申请，等待资格审查', APPROVED: '资格审查通过', REJECTED: '资格审查未通过',
    QUEUED: '退费已受理', SUCCEEDED: '已退款', FAILED: '退款失败',
  },
  // The neutral words a webhook attempt records as its error (the status code says the rest).
  DeliveryError: {
    timeout: '支付系统没有在规定时间内响应', 'connection refused': '无法连接到支付系统（连接被拒绝）',
    'invalid response': '支付系统的响应无法识别', 'invalid URL': '通知地址不正确',
    'target not allowed': '通知地址指向不允许访问的网络地址',
  },
  Role: {ADMIN: '考试机构管理员', REVIEWER: '招录单位审查人员', APPLICANT: '考生'},
  Actor: {system: '系统', 'payment-system': '支付系统', anonymous: '未登录用户', dispatcher: '通知发送程序'},
  AuditAction: {
    'agency.created': '新增招录单位', 'agency.renamed': '修改招录单位名称',
    'applicant.sign-in-failed': '考生登录失败', 'applicant.sign-in-throttled': '考生登录被暂时锁定',
    'applicant.sign-in-unlocked': '解除考生登录锁定',
    'exam.personal-data-purged': '清除考生个人信息',
    'exam.created': '新建考试', 'exam.updated': '修改考试',
    'positions.imported': '导入职位', 'registrations.imported': '导入报名数据',
    'ratio-check.published': '发布开考比例核查结果',
    'switch.requested': '考生提交改报',
    'review.decided': '作出审查决定', 'review.decided-late': '截止后作出审查决定', 'review.corrected': '更正审查决定',
    'refund.queued': '生成退费', 'refunds.decided-at-deadline': '改报截止后统一生成退费',
    'refund.sent': '退费指令已送达支付系统',
    'refund.succeeded': '支付系统确认退款成功', 'refund.failed': '支付系统报告退款失败',
    'receipt.lookups': '回执核验（每小时汇总）', 'receipt.throttled': '回执核验被暂时限制（未知核验码过多）',
    'staff.created': '新建工作人员账号', 'staff.enabled': '启用工作人员账号', 'staff.disabled': '停用工作人员账号',
    'staff.agency-changed': '修改审查人员所属单位', 'staff.sign-in-failed': '工作人员登录失败',
    'staff.sign-in-throttled': '工作人员登录被暂时锁定', 'staff.sign-in-unlocked': '解除工作人员登录锁定',
    'webhook.subscription-created': '新建支付系统订阅', 'webhook.subscription-updated': '修改支付系统订阅',
    'webhook.subscription-enabled': '启用支付系统订阅', 'webhook.subscription-disabled': '停用支付系统订阅',
    'webhook.secret-rotated': '更换签名密钥', 'webhook.delivery-replayed': '重新发送通知',
    'webhook.delivery-failed': '通知多次发送失败', 'webhook.delivery-settled': '通知已结清',
    'notification.gateway-created': '新建短信网关', 'notification.gateway-updated': '修改短信网关',
    'notification.gateway-enabled': '启用短信网关', 'notification.gateway-disabled': '停用短信网关',
    'notification.gateway-secret-rotated': '更换短信网关签名密钥',
    'notification.delivery-replayed': '重新发送短信', 'notification.resent': '重发失败的短信',
  },
  NotificationKind: {
    POSITION_CANCELLED: '职位取消', DEADLINE_REMINDER: '截止提醒', SWITCH_RECEIVED: '改报已提交',
    REVIEW_APPROVED: '审查通过', REVIEW_REJECTED: '审查未通过', REFUND_QUEUED: '退费已申请',
    REFUND_SUCCEEDED: '退费成功', REFUND_FAILED: '退费失败',
  },
  NotificationStatus: {DELIVERED: '已发送', PENDING: '待发送', FAILED: '发送失败', NO_MOBILE: '无手机号，未发短信'},
};

/**
 * The label of a code, or the code itself when the table has none (a new value is never hidden).
 * table: an enum's name in LABELS ('RefundStatus'), or one of the applicant tables below, whose
 * entries give the applicant's label and the staff's (reader 'staff').
 */
export function label(table, code, reader = 'applicant') {
  if (code == null || code === '') return code;
  const entry = (typeof table === 'string' ? LABELS[table] : table || {})[code];
  if (entry == null) return code;
  if (typeof entry === 'string') return entry;
  return (reader === 'staff' && entry.staff) || entry.label;
}

/** The tag colour of code in one of the applicant tables, or fallback. */
export function tone(table, code, fallback = 'pending') {
  const entry = table[code];
  return (entry && entry.tone) || fallback;
}

/** {code: label} of a whole table for reader, e.g. for a select's options. */
export function labels(table, reader = 'applicant') {
  const t = typeof table === 'string' ? LABELS[table] : table;
  return Object.fromEntries(Object.keys(t).map((code) => [code, label(t, code, reader)]));
}

// Named tables, as the pages import them.
export const REQUIREMENT_NAMES = LABELS.Requirement;
export const EDUCATION = LABELS.Education;
export const POLITICAL = LABELS.PoliticalStatus;
export const CHANNELS = LABELS.PaymentChannel;
export const FEE_STATUS = LABELS.FeeStatus;
export const REFUND_REASON = LABELS.RefundReason;

/** A switch's status as applicants read it: the new position's qualification review (资格审查). */
export const SWITCH_STATUS = {
  PENDING: {label: '待资格审查', tone: 'pending', staff: LABELS.SwitchStatus.PENDING},
  APPROVED: {label: '资格审查通过', tone: 'pass', staff: LABELS.SwitchStatus.APPROVED},
  REJECTED: {label: '资格审查未通过', tone: 'fail', staff: LABELS.SwitchStatus.REJECTED},
};

/** A refund's status as applicants read it. */
export const REFUND_STATUS = {
  QUEUED: {label: '已受理，等待退款', tone: 'pending', staff: LABELS.RefundStatus.QUEUED},
  SENT: {label: '退款处理中', tone: 'pending', staff: LABELS.RefundStatus.SENT},
  SUCCEEDED: {label: '已退款', tone: 'pass', staff: LABELS.RefundStatus.SUCCEEDED},
  FAILED: {label: '退款未成功，请联系考试机构', tone: 'fail', staff: LABELS.RefundStatus.FAILED},
};

/** One requirement of a position against the applicant's registration (the precheck's marks). */
export const PRECHECK = {
  PASS: {label: '符合', tone: 'pass'},
  FAIL: {label: '不符合', tone: 'fail'},
  MANUAL: {label: '需人工审核', tone: 'manual', staff: '需人工核实'},
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
