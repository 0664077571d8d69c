// The one place that decides what the applicant's situation is, from GET /api/v1/me and the
// server's time, and what to tell them: the pages only show what this returns, so no page text
// decides it a second time. Pure: no DOM, no network, no clock of its own.
import {dateTime, money} from '../shared/format.js';
import {CHANNELS, label} from '../shared/labels.js';
import {
  STATE_TEXT, STATE_WORDS, REFUND_NEXT, REFUND_DUE, WHY_NO_SWITCH, REFERENCE,
} from './copy.js';

/**
 * The applicant's state at `now` (milliseconds, the server's clock):
 * {kind, tone, title, lines, next, canSwitch, canDecline, showSwitchesLeft, showCountdown, references}.
 * kind is one of NOT_OPEN, CAN_SWITCH, PENDING, APPROVED, REJECTED_CAN_SWITCH, REJECTED_REFUND,
 * REJECTED_WAIVED, DECLINED, CLOSED_NOT_SWITCHED, CLOSED_NOT_SWITCHED_WAIVED; refund is the refund's
 * status (QUEUED, SENT, SUCCEEDED, FAILED) or DUE (owed, not queued yet) or null.
 */
export function applicantState(me, now) {
  const opens = Date.parse(me.switchWindowOpensAt);
  const deadline = Date.parse(me.switchDeadline);
  const windowOpen = now >= opens && now < deadline;
  const closed = now >= deadline;
  const paid = me.feeStatus !== 'WAIVED';
  const s = me.currentSwitch;
  const refund = me.refund;
  const kind = kindOf({me, s, refund, paid, windowOpen, closed, now, opens});

  const c = words(me, s, refund);
  c.paid = paid;
  c.whyNoSwitch = me.switchesLeft > 0 && closed ? WHY_NO_SWITCH.closed : WHY_NO_SWITCH.none;
  const text = STATE_TEXT[kind](c);
  const lines = [...text.lines];
  const next = [...text.next];

  // The refund's own progress, for every state that owes one.
  let refundState = null;
  if (refund) {
    refundState = refund.status;
    const r = (REFUND_NEXT[refund.status] || REFUND_NEXT.QUEUED)(c);
    lines.push(r.line);
    next.push(r.next);
  } else if (paid && (kind === 'CLOSED_NOT_SWITCHED' || kind === 'REJECTED_REFUND')) {
    refundState = 'DUE';
    lines.push(REFUND_DUE.line);
    next.push(REFUND_DUE.next);
  }

  const canSwitch = kind === 'CAN_SWITCH' || kind === 'REJECTED_CAN_SWITCH';
  const references = [];
  if (s) references.push({label: REFERENCE.switch, value: String(s.id)});
  if (refund) references.push({label: REFERENCE.refund, value: String(refund.id)});
  return {
    kind,
    refund: refundState,
    tone: TONE[kind] === 'refund' ? refundTone(refundState) : TONE[kind],
    title: text.title,
    lines,
    next,
    canSwitch,
    canDecline: canSwitch && paid,
    showSwitchesLeft: canSwitch,
    showCountdown: canSwitch,
    references,
  };
}

const TONE = {
  NOT_OPEN: 'neutral', CAN_SWITCH: 'open', PENDING: 'pending', APPROVED: 'pass', REJECTED_CAN_SWITCH: 'open',
  REJECTED_REFUND: 'refund', REJECTED_WAIVED: 'closed', DECLINED: 'refund', CLOSED_NOT_SWITCHED: 'refund',
  CLOSED_NOT_SWITCHED_WAIVED: 'neutral',
};

function refundTone(status) {
  if (status === 'SUCCEEDED') return 'pass';
  if (status === 'FAILED') return 'closed';
  return 'pending';
}

function kindOf({me, s, refund, paid, windowOpen, closed, now, opens}) {
  if (refund && refund.reason === 'DECLINED') return 'DECLINED';
  if (s && s.status === 'PENDING') return 'PENDING';
  if (s && s.status === 'APPROVED') return 'APPROVED';
  if (s && s.status === 'REJECTED') {
    if (!refund && windowOpen && me.switchesLeft > 0) return 'REJECTED_CAN_SWITCH';
    return paid ? 'REJECTED_REFUND' : 'REJECTED_WAIVED';
  }
  if (refund || closed) return paid ? 'CLOSED_NOT_SWITCHED' : 'CLOSED_NOT_SWITCHED_WAIVED';
  if (now < opens) return 'NOT_OPEN';
  return me.switchesLeft > 0 ? 'CAN_SWITCH' : (paid ? 'CLOSED_NOT_SWITCHED' : 'CLOSED_NOT_SWITCHED_WAIVED');
}

/** The facts the texts name, in words. */
function words(me, s, refund) {
  const zone = me.timeZone;
  const channel = refund && refund.channel ? label(CHANNELS, refund.channel) : STATE_WORDS.anyChannel;
  return {
    opensAt: dateTime(me.switchWindowOpensAt, zone),
    deadline: dateTime(me.switchDeadline, zone),
    reviewDeadline: dateTime(me.reviewDeadline, zone),
    switchesLeft: me.switchesLeft,
    target: s ? `${s.targetPositionCode} ${s.targetPositionTitle || ''}`.trim() : '',
    agency: s && s.targetAgencyName ? s.targetAgencyName : STATE_WORDS.agency,
    reason: s ? s.reason : null,
    help: me.helpContact,
    amount: refund ? money(refund.amount) : STATE_WORDS.fee,
    channel,
    refundId: refund ? refund.id : '',
  };
}
