// What applicants read, every word of it, in plain Chinese: grouped by page, each problem the API can
// answer with its message. The pages, the shell and state.js hold no Chinese of their own (a JVM
// test, arch/InlineCopyTest, keeps it so); the names of enum values are in shared/labels.js.
import {dateTime, minutes} from '../shared/format.js';
import {requirementNames} from '../shared/labels.js';

// ---------------------------------------------------------------------------------------------
// every page

/** The service's name: the caption of the first pages and the end of every page's title. */
export const SERVICE = '职位改报';

/** The title of each route's page, as the document's title says it. */
export const TITLES = {
  landing: '公告',
  exams: '选择考试',
  signIn: '登录',
  status: '我的改报',
  options: '选择改报职位',
  switched: '改报已提交',
  decline: '放弃改报，申请退费',
  declined: '退费申请已提交',
  receipt: '打印回执',
  page: (title) => `${title} - ${SERVICE}`,
};

/** Words several pages share. */
export const COMMON = {
  back: '返回',
  retry: '重试',
  warning: '注意：',
  toStatus: '查看我的改报',
  backToStatus: '返回我的改报',
  expired: '您的登录已过期。为保护您的信息，请重新登录。',
  signedOut: '您已安全退出登录。',
  signInFirst: '请先登录。',
  people: (n) => `${n} 人`,
  times: (n) => `${n} 次`,
};

export const NOT_ALLOWED_RULE = '改报期间，只有报考了被取消职位、并已缴费（或已减免报名费）的考生可以登录，其他考生无法登录。';

/** How to get help, for every page that may leave an applicant stuck. */
export const HELP = {
  heading: '需要帮助',
  contact: (contact) => `考试机构咨询电话：${contact}`,
  bring: '来电时请说明考试名称和身份证号后 4 位；如需核对身份或缴费，请准备好身份证和缴费记录。',
};

function generic(e) {
  switch (e.slug) {
    case 'network': return '无法连接到服务器。请检查手机网络后重试。';
    case 'receipt-not-found': return '找不到这份回执。请返回我的改报，从回执列表中打开。';
    case 'receipt-code-invalid': return '回执核验码有误。请返回我的改报，从回执列表中打开。';
    case 'timeout': return '服务器长时间没有响应。请检查网络后重试。';
    case 'service-busy':
      return `当前访问人数较多，请${e.retryAfter ? `在 ${e.retryAfter} 秒后` : '稍后'}重试。`;
    case 'service-unavailable':
      return `系统繁忙，请${e.retryAfter ? `在 ${e.retryAfter} 秒后` : '稍后'}重试。`;
    default:
      if (e.status >= 500 || e.slug === 'server-error') {
        return `系统暂时出现问题，请稍后重试。${e.requestId ? `如需联系考试机构，请提供编号 ${e.requestId}。` : ''}`;
      }
      return `操作没有成功，请稍后重试。${e.requestId ? `（编号 ${e.requestId}）` : ''}`;
  }
}

export {generic as genericMessage};

// ---------------------------------------------------------------------------------------------
// 公告 (the landing page) and 选择考试

export const LANDING = {
  signInToSwitch: '登录改报',
  signInForResults: '登录查询结果',
  otherExam: '选择其他考试',
  phase: {
    REGISTRATION_CLOSED: (c) => `改报将于 ${c.opensAt} 开始。`,
    SWITCHING: (c) => `改报正在进行，截止时间：${c.deadline}。`,
    REVIEWING: (c) => `改报已于 ${c.deadline} 截止，正在进行资格审查。已改报的考生可登录查询审查结果和退费情况。`,
    CLOSED: () => '改报和资格审查均已结束。考生可登录查询审查结果和退费情况。',
  },
  notice: '公告',
  cancelled: (count) => `报名结束后，以下 ${count} 个职位因缴费人数没有达到开考比例（报考人数与招录人数的比例），已取消招录。`,
  /** deadline: the deadline's node (shown in bold). */
  switchBy: (deadline, maxSwitches) => ['报考这些职位的考生，可以在 ', deadline,
    ` 前登录本系统，改报 ${maxSwitches} 次其他职位。报名费自动转入新职位，无需重新缴费。`],
  reviewBy: (deadline) => ['资格审查结果可在 ', deadline, ' 前登录查询。'],
  refunds: '没有改报，或改报后资格审查未通过的考生，报名费将按原支付渠道退回。',
};

export const CANCELLED_LIST = {
  heading: '已取消的职位',
  search: '搜索已取消的职位',
  searchHint: '输入职位代码、单位或职位名称',
  found: (rows, count) => `找到 ${rows} 个职位（共 ${count} 个）`,
  all: (count) => `共 ${count} 个职位`,
  caption: '已取消的职位，以及缴费人数与开考所需人数',
  columns: {
    code: '职位代码', agency: '招录机关', employer: '用人单位', title: '职位名称', quota: '原招录人数',
    applicants: '缴费人数 / 开考所需',
  },
  applicants: (confirmed, required) => `${confirmed} / ${required} 人`,
};

export const EXAMS = {
  heading: '选择考试',
  none: '目前没有正在进行改报的考试。',
  legend: '考试',
  deadline: (deadline) => `改报截止：${deadline}`,
  closed: '改报已截止',
  choose: '请选择一场考试',
  next: '继续',
};

// ---------------------------------------------------------------------------------------------
// 登录

export const SIGN_IN = {
  heading: '登录',
  back: '返回公告',
  idNumber: '身份证号',
  idNumberHint: '18 位，最后一位可能是字母 X',
  password: '密码',
  passwordHint: '报名时设置的密码',
  submit: '登录',
  submitting: '正在登录…',
  idProblems: {
    empty: () => '请输入身份证号',
    length: (n) => `身份证号应为 18 位，您输入了 ${n} 位`,
    format: () => '身份证号的前 17 位应为数字，最后一位为数字或字母 X',
    check: () => '身份证号有误（校验位不符），请对照身份证重新输入',
  },
  noPassword: '请输入密码',
  notAllowed: '不能登录',
  failed: '登录没有成功',
};

export const FORGOT_PASSWORD = {
  summary: '忘记密码',
  lines: (contact) => [
    '为保护您的信息，本系统不能在网上找回密码。',
    `请致电考试机构：${contact}。工作人员核对您的身份后，会为您重设一个新密码，并在电话中告诉您。`,
    '来电时请准备好身份证（核对姓名和身份证号）以及报名时的手机号码。重设后，原密码和已登录的设备都将失效。',
  ],
};

/** The sign-in problem, with the attempts left before a wait and its length. */
export function signInAttemptsLeft(e) {
  const p = e.problem || {};
  if (p.attemptsLeft == null) return '';
  const wait = minutes(p.waitSeconds);
  return p.attemptsLeft <= 1
    ? `再输错 1 次，需等待 ${wait} 分钟后才能再试。`
    : `您还可以再试 ${p.attemptsLeft} 次；${p.attemptsLeft} 次都输错后，需等待 ${wait} 分钟才能再试。`;
}

export function signInMessage(e, exam) {
  switch (e.slug) {
    case 'invalid-credentials':
      return `身份证号或密码不正确。请核对后重新输入。${signInAttemptsLeft(e) || '连续输错多次后，需等待一段时间才能再试。'}`;
    case 'sign-in-not-allowed': return `您不能登录本系统。${NOT_ALLOWED_RULE}`;
    case 'account-locked':
      return `密码输错次数过多，为保护您的账号，需等待 ${minutes(e.retryAfter || (e.problem && e.problem.retryAfterSeconds))} 分钟后才能再试。`
        + `${exam && exam.helpContact ? `如果忘记了密码，请致电考试机构：${exam.helpContact}。` : ''}`;
    case 'switch-window-closed':
      return `改报已于 ${exam ? dateTime(exam.switchDeadline, exam.timeZone) : '截止时间'} 结束，不能再登录改报。`;
    case 'switch-window-not-open':
      return `改报还没有开始${exam ? `，开始时间：${dateTime(exam.switchWindowOpensAt, exam.timeZone)}` : ''}。`;
    case 'validation-failed': return '请填写正确的身份证号和密码。';
    default: return generic(e);
  }
}

// ---------------------------------------------------------------------------------------------
// 我的改报: the applicant's details, their switch and refund, and what their state means and what to
// do next (state.js picks the state and fills in the facts).

export const STATUS = {
  heading: '我的改报',
  name: '姓名',
  idNumber: '身份证号',
  original: '原报考职位',
  cancelled: '已取消',
  switchesLeft: '剩余改报次数',
  next: '接下来',
  chooseOptions: '选择改报职位',
  decline: '放弃改报，申请退费',
  countdown: '距改报截止还有 ',
  deadline: (deadline) => `截止时间：${deadline}`,
};

// 我的改报: the messages sent by SMS (also to applicants without a mobile number, who read them here).
export const MESSAGES = {
  heading: '我的消息',
  hint: '考试机构发给您的短信通知，最新的在前。没有登记手机号码的，请在这里查看。',
  none: '目前没有发给您的消息。',
  failed: '消息暂时无法显示，请稍后刷新本页。',
};

export const SWITCH_SECTION = {
  heading: '改报职位与资格审查',
  reference: '改报编号',
  target: '改报职位',
  submitted: '提交时间',
  review: '资格审查',
  result: '审查结果',
  resultBy: (deadline) => `请在 ${deadline} 前登录查询`,
  rejectedBecause: '未通过原因',
  remark: '审查意见',
  decidedAt: '审查时间',
};

export const REFUND_SECTION = {
  heading: '退费',
  reference: '退费编号',
  status: '退费状态',
  amount: '退费金额',
  channel: '退回渠道',
  toChannel: (channel) => `${channel}（原路退回）`,
  anyChannel: '原支付渠道',
  reason: '退费原因',
};

/** 我的改报's list of receipts, one for each decision. */
export const RECEIPTS_SECTION = {
  heading: '回执',
  intro: '每项决定都有一份回执。面试或资格复审时，用人单位可以凭回执上的核验码在网上核验。',
  issuedAt: (t) => `时间：${t}`,
  code: '核验码：',
  print: '打印回执',
  printFor: (kind) => `（${kind}）`,
};

/** A receipt's facts, listed alike on the printed receipt and on /verify (receipt-facts.js). */
export const RECEIPT_FACTS = {
  exam: '考试',
  examLine: (r) => r.examName,
  name: '姓名',
  idNumber: '身份证号',
  original: '原报考职位',
  target: '改报职位',
  decision: '办理结果',
  issuedAt: '办理时间',
  refundAmount: '退费金额',
  refundReason: '退费原因',
  position: (p) => `${p.code} ${p.title}（${p.agencyName}）`,
};

/** The receipt to print (A4, black on white). */
export const RECEIPT = {
  heading: '职位改报回执',
  kind: '回执类型',
  code: '核验码',
  qrAlt: (url) => `核验二维码，指向 ${url}`,
  howToVerify: (url) => `扫描二维码，或在浏览器中打开 ${url}，输入核验码，即可核验本回执的真伪和是否仍然有效。`,
  notice: '本回执由职位改报系统生成。以网上核验结果为准。',
  superseded: '本回执已被之后的决定取代，以最新回执为准。',
  print: '打印',
  printHint: '打印时请选择 A4 纸。',
  back: '返回我的改报',
};

/** /verify: anyone checks a receipt by its code. */
export const VERIFY = {
  heading: '回执核验',
  intro: '输入职位改报回执上的核验码，核验回执是否由本系统出具、是否仍然有效。扫描回执上的二维码会自动填好核验码。',
  label: '核验码',
  hint: '16 位字母和数字，如 7KQM-3WXD-HR9F-PT2C。不区分大小写，短横线可以不输。',
  submit: '核验',
  empty: '请输入回执上的核验码',
  invalid: '核验码有误，请逐位核对后重新输入（核验码中没有数字 0、1 和字母 O、I、L）',
  notFoundTitle: '查无此回执',
  notFound: '本系统没有出具过这个核验码的回执。请核对核验码；如仍查不到，这份回执可能不是本系统出具的。',
  validTitle: '回执真实有效',
  valid: '这份回执由本系统出具，所载决定是目前的最新状态。',
  supersededTitle: '回执真实，但已被之后的决定取代',
  superseded: (kind, decision, at) => `这份回执由本系统出具，但之后已有新的决定：${kind}（${decision}，${at}）。请以最新回执为准。`,
  code: '核验码',
  kind: '回执类型',
  masked: '为保护个人信息，姓名和身份证号已部分隐藏。请与考生出示的身份证核对。',
  failed: (e) => (e.slug === 'too-many-lookups'
    ? `查询过于频繁，请${e.retryAfter ? ` ${minutes(e.retryAfter)} 分钟后` : '稍后'}再试。`
    : generic(e)),
};

/** The facts state.js names when it has none of the applicant's own. */
export const STATE_WORDS = {
  anyChannel: '原支付渠道',
  agency: '招录机关',
  fee: '报名费',
};

export const REFUND_NEXT = {
  QUEUED: (c) => ({
    line: `退费已受理：${c.amount}将按原支付渠道退回您的${c.channel}账户。`,
    next: '您无需再做什么。退费提交支付机构后，本页会显示进度。',
  }),
  SENT: (c) => ({
    line: `退款已提交给${c.channel}，正在处理：${c.amount}将退回您付款时使用的${c.channel}账户。`,
    next: '到账时间以支付机构为准。您无需再做什么，可随时登录查看。',
  }),
  SUCCEEDED: (c) => ({
    line: `退款已完成：${c.amount}已退回您的${c.channel}账户（原路退回）。`,
    next: `如果在${c.channel}中查不到这笔退款，请联系考试机构，并说明退费编号 ${c.refundId}。`,
  }),
  FAILED: (c) => ({
    line: `退款没有成功：${c.channel}未能把 ${c.amount}退回您的账户（例如账户已注销）。`,
    next: `请致电考试机构 ${c.help}，说明退费编号 ${c.refundId}，并准备好身份证和缴费记录。核实后，考试机构会重新为您退款。`,
  }),
};

/** Title, lines and next steps of each state; c holds the state's facts in words. */
export const STATE_TEXT = {
  NOT_OPEN: (c) => ({
    title: '改报尚未开始',
    lines: [`改报将于 ${c.opensAt} 开始，${c.deadline} 截止。`],
    next: ['请在改报开始后再登录，选择要改报的职位。'],
  }),
  CAN_SWITCH: (c) => ({
    title: '您可以改报',
    lines: [`您报考的职位已取消。您可以在 ${c.deadline} 前改报 ${c.switchesLeft} 次其他职位，报名费自动转入新职位。`],
    next: [c.paid ? '选择改报职位；如果不想改报，也可以放弃改报，申请退回报名费。' : '选择改报职位。您的报名费已减免，没有需要退回的费用。',
      '截止前没有改报的，将不能再改报。'],
  }),
  PENDING: (c) => ({
    title: '改报已提交，正在资格审查',
    lines: [`您已改报到 ${c.target}，由${c.agency}进行资格审查。`],
    next: [`请在 ${c.reviewDeadline} 前登录本系统查看审查结果。审查期间不能再改报其他职位。`],
  }),
  APPROVED: (c) => ({
    title: '资格审查已通过',
    lines: [`您已改报到 ${c.target}，资格审查已通过。报名费已转入新职位。`],
    next: ['请按考试公告参加后续考试。改报已经完成，不能再改报其他职位。'],
  }),
  REJECTED_CAN_SWITCH: (c) => ({
    title: '资格审查未通过，您还可以再改报',
    lines: [`您改报的 ${c.target} 资格审查未通过${c.reason ? `，原因：${c.reason}` : ''}。`,
      `您还可以再改报 ${c.switchesLeft} 次（该职位不能再选）。`],
    next: [`请在 ${c.deadline} 前选择其他职位。${c.paid ? '如果不想再改报，也可以放弃改报，申请退回报名费。' : ''}`,
      c.paid ? '截止前没有再改报的，报名费将按原支付渠道自动退回。' : '截止前没有再改报的，不能再改报。'],
  }),
  REJECTED_REFUND: (c) => ({
    title: '资格审查未通过，报名费将退回',
    lines: [`您改报的 ${c.target} 资格审查未通过${c.reason ? `，原因：${c.reason}` : ''}。${c.whyNoSwitch}`],
    next: [],
  }),
  REJECTED_WAIVED: (c) => ({
    title: '资格审查未通过',
    lines: [`您改报的 ${c.target} 资格审查未通过${c.reason ? `，原因：${c.reason}` : ''}。${c.whyNoSwitch}`,
      '您的报名费已减免，没有需要退回的费用。'],
    next: [`如对审查结果有疑问，请联系考试机构：${c.help}。`],
  }),
  DECLINED: () => ({
    title: '您已放弃改报',
    lines: ['您已放弃改报并申请退费，不能再改报。'],
    next: [],
  }),
  CLOSED_NOT_SWITCHED: (c) => ({
    title: '改报已截止，您没有改报',
    lines: [`改报已于 ${c.deadline} 截止，您没有改报。`],
    next: [],
  }),
  CLOSED_NOT_SWITCHED_WAIVED: (c) => ({
    title: '改报已截止，您没有改报',
    lines: [`改报已于 ${c.deadline} 截止，您没有改报。您的报名费已减免，没有需要退回的费用。`],
    next: [`如有疑问，请联系考试机构：${c.help}。`],
  }),
};

export const WHY_NO_SWITCH = {
  none: '您的改报次数已用完，不能再改报。',
  closed: '改报已截止，不能再改报。',
};

/** Until the deadline job queues it, the refund of an applicant who did not switch is only due. */
export const REFUND_DUE = {
  line: '报名费将按原支付渠道自动退回，无需申请。',
  next: '改报截止后，系统会自动发起退款；本页会显示进度。',
};

export const REFERENCE = {switch: '改报编号', refund: '退费编号'};

// ---------------------------------------------------------------------------------------------
// 选择改报职位

/** What the precheck of a position concerns (its label is in shared/labels.js). */
export const PRECHECK_DETAIL = {
  failed: (names) => `不符合：${names}`,
  manual: (names) => `由招录机关审核：${names}`,
};

export const OPTIONS = {
  heading: '选择改报职位',
  intro: '选择一个职位后，会请您确认。确认前不会改报。',
  keywords: '关键词',
  keywordsHint: '职位代码、职位名称或用人单位',
  agency: '招录机关',
  allAgencies: '全部单位',
  qualifiedOnly: '只看符合条件的职位',
  search: '查找职位',
  searching: '正在查找…',
  pages: '翻页',
  previous: '上一页',
  next: '下一页',
  page: (page, pages) => `第 ${page} / ${pages} 页`,
  found: (total, page, pages) => `找到 ${total} 个职位，第 ${page} / ${pages} 页`,
  none: '没有找到符合的职位。可以换个关键词，或取消勾选「只看符合条件的职位」。',
  hidden: (n) => `另有 ${n} 个职位您不符合报考条件，已隐藏；取消勾选「只看符合条件的职位」可以查看。`,
  rejected: (codes) => `招录机关审查未通过的职位（${codes.join('、')}）不再列出，也不能再改报。`,
};

/** A position in the list of options. */
export const POSITION = {
  quota: '招录人数',
  requirements: '报考条件',
  precheck: '条件初查',
  requirementsLine: (phrases) => phrases.join('；'),
  notQualified: '您不符合这个职位的条件，不能改报。',
  choose: '选择这个职位',
};

// ---------------------------------------------------------------------------------------------
// 请确认改报 (the dialog) and 改报已提交

export const CONFIRM_SWITCH = {
  title: '请确认改报',
  original: '原报考职位',
  target: '改报到',
  precheck: '条件初查',
  fee: '报名费',
  feeCarriesOver: '自动转入新职位，无需重新缴费',
  warning: (maxSwitches, switchesLeft) => `改报提交后不能撤回，也不能再换其他职位。每位考生只能改报 ${maxSwitches} 次，这次改报会计入其中（您还剩 ${switchesLeft} 次）。改报后须通过新职位的资格审查。`,
  confirm: '确认改报',
  confirmAgain: '再次确认改报',
  cancel: '返回重新选择',
  submitting: '正在提交…',
};

export function switchMessage(e, me) {
  const deadline = me ? dateTime(me.switchDeadline, me.timeZone) : '截止时间';
  switch (e.slug) {
    case 'requirements-not-met': {
      const names = requirementNames(e.problem && e.problem.failedRequirements);
      return `您不符合这个职位的${names ? `以下条件：${names}` : '报考条件'}，不能改报到这个职位。请选择其他职位。`;
    }
    case 'position-not-open': return '这个职位已不接受改报（可能已被取消）。请选择其他职位。';
    case 'no-switches-left':
      return `您已经用完了改报机会（每位考生最多改报 ${me && me.maxSwitches ? me.maxSwitches : 1} 次），不能再改报。`;
    case 'position-previously-rejected':
      return '这个职位的招录机关已经审查过您，结果是未通过，不能再改报到这个职位。请选择其他职位。';
    case 'switch-window-closed': return `改报已于 ${deadline} 截止，不能再改报。`;
    case 'switch-window-not-open': return '改报还没有开始，请在改报开始后再来。';
    case 'switch-pending': return '您已经提交过改报，正在等待资格审查，不能再改报。';
    case 'same-position': return '这是您原来报考的职位，请选择其他职位。';
    case 'idempotency-key-in-use': return '您的改报正在处理中。请等几秒后再点「确认改报」查看结果，不会重复改报。';
    case 'network':
    case 'timeout':
      return '网络中断，暂时不能确认改报是否已提交。请再点一次「确认改报」：同一次确认重复提交，也只会改报一次。';
    case 'service-unavailable':
      return `系统繁忙，暂时不能确认改报是否已提交。请${e.retryAfter ? `在 ${e.retryAfter} 秒后` : '稍后'}再点一次「确认改报」：同一次确认重复提交，也只会改报一次。`;
    default: return generic(e);
  }
}

/** The heading over a switch's error: an answer that may yet be a switch (a retry tells) is not a failure. */
export function switchErrorTitle(retryable) {
  return retryable ? '还不能确认改报结果' : '改报没有成功';
}

/** The confirmation pages, also after a reload (read back from 我的改报). */
export const CONFIRMED = {
  switchTitle: '改报已提交',
  declineTitle: '退费申请已提交',
  newPosition: '新职位',
  refundAmount: (amount) => `退费金额 ${amount}`,
  reference: (label, value) => `${label}：${value}`,
  keepReference: '请记下这个编号；联系考试机构时请告诉工作人员。',
  feeCarriesOver: '报名费已转入新职位，无需重新缴费。审查未通过且不能再改报的，报名费将按原支付渠道退回。',
  nothing: '没有找到这次操作的记录，请在「我的改报」查看您的当前情况。',
};

// ---------------------------------------------------------------------------------------------
// 放弃改报，申请退费 and 退费申请已提交

export const DECLINE = {
  heading: '放弃改报，申请退费',
  intro: '如果您不想改报其他职位，可以申请退回报名费。',
  original: '原报考职位',
  cancelledPosition: (code, title) => `${code} ${title}（已取消）`,
  amount: '退费金额',
  channel: '退回渠道',
  anyChannel: '按原支付渠道退回',
  warning: '申请退费后，您将不能再改报任何职位，也不能撤回申请。',
  start: '放弃改报，申请退费',
  stillSwitch: '我还是想改报，去选择职位',
  confirmTitle: '确定放弃改报吗？',
  confirmBody: '提交后不能撤回，您将不能再改报。报名费将按原支付渠道退回。',
  confirm: '确认放弃改报并退费',
  cancel: '返回',
  failed: '退费申请没有成功',
};

export function refundMessage(e, me) {
  if (e.slug === 'refund-not-allowed') {
    if (me && me.refund) return '您已经申请过退费，无需重复申请。';
    if (me && me.currentSwitch && me.currentSwitch.status !== 'REJECTED') {
      return '您已改报到新职位，报名费已转入新职位，不能申请退费。';
    }
    return '您的报名费已减免，没有需要退回的费用。';
  }
  if (e.slug === 'switch-window-closed') return '改报已截止。未改报的考生，报名费将按原支付渠道自动退回，无需申请。';
  return generic(e);
}
