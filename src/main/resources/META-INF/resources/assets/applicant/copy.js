// What applicants read: every problem the API can answer, in plain Chinese.
import {dateTime, minutes} from '../shared/format.js';

import {REQUIREMENT_NAMES, CHANNELS, requirementNames, requirementsInWords} from '../shared/labels.js';

export {REQUIREMENT_NAMES, CHANNELS, requirementNames, requirementsInWords};

export const SWITCH_STATUS = {
  PENDING: ['待资格审查', 'pending'], APPROVED: ['资格审查通过', 'pass'], REJECTED: ['资格审查未通过', 'fail'],
};
export const REFUND_STATUS = {
  QUEUED: ['已受理，等待退款', 'pending'], SENT: ['退款处理中', 'pending'],
  SUCCEEDED: ['已退款', 'pass'], FAILED: ['退款未成功，请联系考试机构', 'fail'],
};
export const REFUND_REASON = {NOT_SWITCHED: '未改报', REVIEW_REJECTED: '改报后资格审查未通过', DECLINED: '本人放弃改报'};

export const NOT_ALLOWED_RULE = '改报期间，只有报考了被取消职位、并已缴费（或已减免报名费）的考生可以登录，其他考生无法登录。';


function generic(e) {
  switch (e.slug) {
    case 'network': return '无法连接到服务器。请检查手机网络后重试。';
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

export {generic as genericMessage};

// ---------------------------------------------------------------------------------------------
// 我的改报: what each state of the applicant means and what to do next (state.js picks the state).

/** How to get help, for every page that may leave an applicant stuck. */
export const HELP = {
  heading: '需要帮助',
  contact: (contact) => `考试机构咨询电话：${contact}`,
  bring: '来电时请说明考试名称和身份证号后 4 位；如需核对身份或缴费，请准备好身份证和缴费记录。',
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

/** The precheck of a position: one label per outcome, and what it concerns. */
export const PRECHECK = {
  PASS: ['符合', 'pass'],
  FAIL: ['不符合', 'fail'],
  MANUAL: ['需人工审核', 'manual'],
  failed: (names) => `不符合：${names}`,
  manual: (names) => `由招录机关审核：${names}`,
};

export const OPTIONS_TEXT = {
  found: (total, page, pages) => `找到 ${total} 个职位，第 ${page} / ${pages} 页`,
  none: '没有找到符合的职位。可以换个关键词，或取消勾选「只看符合条件的职位」。',
  hidden: (n) => `另有 ${n} 个职位您不符合报考条件，已隐藏；取消勾选「只看符合条件的职位」可以查看。`,
  rejected: (codes) => `招录机关审查未通过的职位（${codes}）不再列出，也不能再改报。`,
};

/** The confirmation pages, also after a reload (read back from 我的改报). */
export const CONFIRMED = {
  switchTitle: '改报已提交',
  declineTitle: '退费申请已提交',
  reference: (label, value) => `${label}：${value}`,
  keepReference: '请记下这个编号；联系考试机构时请告诉工作人员。',
  feeCarriesOver: '报名费已转入新职位，无需重新缴费。审查未通过且不能再改报的，报名费将按原支付渠道退回。',
  nothing: '没有找到这次操作的记录，请在「我的改报」查看您的当前情况。',
};
