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
    case 'invalid-credentials': return '身份证号或密码不正确。请核对后重新输入；连续输错多次后，账号会被暂时锁定。';
    case 'sign-in-not-allowed': return `您不能登录本系统。${NOT_ALLOWED_RULE}`;
    case 'account-locked': return `密码输错次数过多，账号已暂时锁定。请在 ${minutes(e.retryAfter)} 分钟后再试。`;
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
    case 'no-switches-left': return '您已经用完了改报机会（每位考生只能改报 1 次），不能再改报。';
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
